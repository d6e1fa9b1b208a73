"""Interface text for input problems (tables), merged into :data:`components.i18n.LABELS`.

``table.issue.<code>`` words one :class:`data.schema.Issue` of that ``code``; its
``{placeholders}`` are the issue's ``params``. ``table.where.*`` says where the problem is
(file, row, column) and ``table.line`` puts the two together (see
``components.input_messages``).
"""

from __future__ import annotations

_NB = "\u00a0"  # no-break space, before French high punctuation and inside « »

LABELS: dict[str, dict[str, str]] = {
    # --- where, and how lines are put together ------------------------------------------
    "table.where.file": {"fr": "{file}", "en": "{file}"},
    "table.where.row": {"fr": "{file}, ligne {row}", "en": "{file}, row {row}"},
    "table.where.column": {
        "fr": f"{{file}}, colonne «{_NB}{{column}}{_NB}»",
        "en": "{file}, column '{column}'",
    },
    "table.where.row_column": {
        "fr": f"{{file}}, ligne {{row}}, colonne «{_NB}{{column}}{_NB}»",
        "en": "{file}, row {row}, column '{column}'",
    },
    "table.line": {"fr": f"{{where}}{_NB}: {{text}}", "en": "{where}: {text}"},
    "table.keyed": {"fr": f"{{key}}{_NB}: {{text}}", "en": "{key}: {text}"},
    "table.more": {"fr": "… et {n} de plus", "en": "… and {n} more"},
    # --- reading the file -----------------------------------------------------------------
    "table.issue.file_not_found": {"fr": "fichier introuvable", "en": "file not found"},
    "table.issue.not_a_file": {
        "fr": "ce n’est pas un fichier (c’est un dossier ou un fichier spécial)",
        "en": "not a file (a folder or a special file)",
    },
    "table.issue.not_a_folder": {
        "fr": "ce n’est pas un dossier contenant les tableaux CSV du plan",
        "en": "not a folder of the plan's CSV tables",
    },
    "table.issue.unreadable": {"fr": "illisible ({reason})", "en": "cannot be read ({reason})"},
    "table.issue.too_large": {
        "fr": "le fichier fait {size} octets, au-delà de la limite de {limit}",
        "en": "the file has {size} bytes, above the limit of {limit}",
    },
    "table.issue.not_utf8": {
        "fr": "ce n’est pas du texte UTF-8 (octet {byte})",
        "en": "not UTF-8 text (byte {byte})",
    },
    "table.issue.empty_file": {"fr": "le fichier est vide", "en": "the file is empty"},
    "table.issue.not_csv": {
        "fr": f"ce n’est pas un fichier CSV lisible{_NB}: {{detail}}",
        "en": "not a readable CSV: {detail}",
    },
    "table.issue.too_many_rows": {"fr": "plus de {limit} lignes", "en": "more than {limit} rows"},
    "table.issue.too_many_columns": {
        "fr": "plus de {limit} colonnes",
        "en": "more than {limit} columns",
    },
    "table.issue.too_long": {
        "fr": "la valeur compte {length} caractères, au-delà de la limite de {limit}",
        "en": "the value has {length} characters, above the limit of {limit}",
    },
    "table.issue.duplicate_column": {
        "fr": "ce nom de colonne figure deux fois",
        "en": "this column name is given twice",
    },
    # --- columns and cells -------------------------------------------------------------------
    "table.issue.missing_column": {
        "fr": "colonne obligatoire manquante",
        "en": "required column is missing",
    },
    "table.issue.unexpected_column": {"fr": "colonne inattendue", "en": "unexpected column"},
    "table.issue.no_rows": {"fr": "le tableau n’a aucune ligne", "en": "the table has no rows"},
    "table.issue.empty": {"fr": "valeur vide", "en": "empty value"},
    "table.issue.not_choice": {
        "fr": f"{{value}} ne fait pas partie des valeurs permises{_NB}: {{choices}}",
        "en": "{value} is not one of {choices}",
    },
    "table.issue.not_whole": {
        "fr": "{value} n’est pas un nombre entier",
        "en": "{value} is not a whole number",
    },
    "table.issue.not_number": {
        "fr": "{value} n’est pas un nombre",
        "en": "{value} is not a number",
    },
    "table.issue.not_date": {
        "fr": "{value} n’est pas une date au format ISO AAAA-MM-JJ (p. ex. 2023-09-30)",
        "en": "{value} is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)",
    },
    "table.issue.year_out_of_range": {
        "fr": f"{{value}}{_NB}: l’année doit être comprise entre {{min_year}} et {{max_year}}",
        "en": "{value}: the year must be between {min_year} and {max_year}",
    },
    "table.issue.negative": {"fr": "{value} est négatif", "en": "{value} is negative"},
    "table.issue.below_minimum": {
        "fr": "{value} est inférieur au minimum {minimum}",
        "en": "{value} is below the minimum {minimum}",
    },
    "table.issue.above_maximum": {
        "fr": "{value} dépasse le maximum {maximum}",
        "en": "{value} is above the maximum {maximum}",
    },
    "table.issue.duplicate": {
        "fr": "valeur en double {value} (déjà en ligne {first_row})",
        "en": "duplicate value {value} (first on row {first_row})",
    },
    "table.issue.missing_key": {
        "fr": f"clé manquante «{_NB}{{key}}{_NB}»",
        "en": "missing key '{key}'",
    },
    # --- the plan's tables ---------------------------------------------------------------
    "table.issue.unknown_objective": {
        "fr": "objectif inconnu {value}",
        "en": "unknown objective {value}",
    },
    "table.issue.no_areas": {
        "fr": "l’objectif {value} n’a aucun domaine d’activité dans activity_areas.csv",
        "en": "objective {value} has no activity area in activity_areas.csv",
    },
    "table.issue.unknown_area": {
        "fr": "domaine d’activité inconnu {value}",
        "en": "unknown activity area {value}",
    },
    # --- DTM tables ----------------------------------------------------------------------
    "table.issue.unknown_region": {"fr": "région inconnue {value}", "en": "unknown region {value}"},
    "table.issue.unknown_region_hint": {
        "fr": f"région inconnue {{value}}{_NB}; noms connus les plus proches{_NB}: {{suggestions}}",
        "en": "unknown region {value}; closest known names: {suggestions}",
    },
    "table.issue.duplicate_region": {
        "fr": "région en double {value} (même région que {other} en ligne {first_row})",
        "en": "duplicate region {value} (same region as {other} on row {first_row})",
    },
    "table.issue.both_shapes": {
        "fr": "donner soit share_pct, soit idps, mais pas les deux",
        "en": "give either share_pct or idps, not both",
    },
    "table.issue.missing_dtm_column": {
        "fr": "colonne obligatoire manquante (un tableau DTM a besoin de share_pct, ou de idps "
        "et as_of)",
        "en": "required column is missing (a DTM table needs share_pct, or idps and as_of)",
    },
    "table.issue.shares_above_100": {
        "fr": f"les parts totalisent {{total}}{_NB}%, plus de 100{_NB}%",
        "en": "the shares add up to {total}%, above 100%",
    },
    "table.issue.all_shares_zero": {
        "fr": "toutes les parts sont nulles",
        "en": "all shares are zero",
    },
    "table.issue.shares_as_fractions": {
        "fr": f"chaque part vaut au plus 1 et leur total est {{total}}{_NB}: les parts sont des "
        f"pourcentages de 0 à 100 (écrire 23 pour 23{_NB}%, et non 0,23)",
        "en": "every share is at most 1 and they add up to {total}: shares are percentages "
        "from 0 to 100 (write 23 for 23%, not 0.23)",
    },
    "table.issue.all_zero": {
        "fr": f"tous les effectifs sont nuls{_NB}: aucun total à partir duquel calculer les parts",
        "en": "all counts are zero: there is no total to compute shares from",
    },
    "table.issue.several_dates": {
        "fr": f"un seul relevé DTM par tableau{_NB}: {{count}} dates trouvées (du {{first}} au "
        "{last})",
        "en": "one DTM round per table: found {count} dates ({first} to {last})",
    },
    "table.issue.total_above_maximum": {
        "fr": "les régions totalisent {total} PDI, au-delà du maximum {maximum}",
        "en": "the regions add up to {total} IDPs, above the maximum {maximum}",
    },
    "table.issue.counts_above_total": {
        "fr": "les régions totalisent {counted} PDI, plus que le total national {total}",
        "en": "the regions add up to {counted} IDPs, above the national total {total}",
    },
    "table.issue.total_out_of_range": {
        "fr": "le total national {total} n’est pas compris entre 1 et {maximum}",
        "en": "the national total {total} is not between 1 and {maximum}",
    },
}
