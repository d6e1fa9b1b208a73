"""The one translation table of the dashboard (French first, then English).

Every user-facing string goes through :func:`t`. Keys are dotted (``page.funding``,
``area.shelter``); templates use :meth:`str.format` placeholders (``{value}``).

French typography: a no-break space (U+00A0) before ``:`` ``;`` ``?`` ``!`` and the
typographic apostrophe (U+2019).
"""

from __future__ import annotations

from components import labels_geo as _labels_geo
from components import labels_scenarios as _labels_scenarios
from components import labels_tables as _labels_tables

LANGS: tuple[str, ...] = ("fr", "en")
DEFAULT_LANG = "fr"

# Activity areas in the order of the plan's breakdown table (objective 1, then objective 2).
AREA_IDS: tuple[str, ...] = (
    "shelter",
    "cccm",
    "protection",
    "mhpss",
    "wash_emergency",
    "basic_needs",
    "border_management",
    "displacement_tracking",
    "support_services",
    "emergency_preparedness",
    "peacebuilding",
    "community_stabilization",
    "livelihoods",
    "drr",
    "wash_transition",
)
OBJECTIVE_IDS: tuple[str, ...] = ("obj1", "obj2")

_NB = "\u00a0"  # no-break space, before French high punctuation

LABELS: dict[str, dict[str, str]] = {
    # --- application -------------------------------------------------------------------
    "app.title": {
        "fr": "OIM Mali — Plan de réponse aux crises 2024",
        "en": "IOM Mali — Crisis Response Plan 2024",
    },
    "app.subtitle": {
        "fr": "Plan de réponse aux crises 2023-2024, janvier – décembre 2024",
        "en": "Crisis Response Plan 2023-2024, January – December 2024",
    },
    "app.language": {"fr": "Langue", "en": "Language"},
    "app.data_failed": {
        "fr": f"Les données du plan n’ont pas pu être chargées{_NB}:",
        "en": "The plan's data could not be loaded:",
    },
    "app.lang_name.fr": {"fr": "Français", "en": "French"},  # shown as t(key, code)
    "app.lang_name.en": {"fr": "Anglais", "en": "English"},
    "app.section.plan": {"fr": "Le plan", "en": "The plan"},
    "app.section.analysis": {"fr": "Analyse", "en": "Analysis"},
    "app.section.about": {"fr": "À propos", "en": "About"},
    "app.data_as_of": {"fr": "Données au {as_of}", "en": "Data as of {as_of}"},
    "app.scenario_active": {
        "fr": f"Scénario actif{_NB}: les chiffres modifiés ne sont pas ceux du plan",
        "en": "Scenario active: edited figures are not the plan's",
    },
    "app.scenario_banner": {
        "fr": f"SCÉNARIO — les chiffres de cette page intègrent des modifications{_NB}; "
        "ce ne sont pas ceux du plan publié.",
        "en": "SCENARIO — figures on this page include edits; they are not the published plan’s.",
    },
    "app.dtm_as_of": {
        "fr": "Déplacements (DTM) au {as_of}",
        "en": "Displacement (DTM) as of {as_of}",
    },
    "app.baseline": {"fr": "Données du plan (référence)", "en": "Plan figures (baseline)"},
    "app.reset_scenario": {"fr": "Revenir aux données du plan", "en": "Reset to plan figures"},
    # --- pages ---------------------------------------------------------------------------
    "page.overview": {"fr": "Vue d’ensemble", "en": "Overview"},
    "page.funding": {"fr": "Financement", "en": "Funding"},
    "page.coverage": {"fr": "Couverture", "en": "Coverage"},
    "page.displacement": {"fr": "Déplacements", "en": "Displacement"},
    "page.data_sources": {"fr": "Données et sources", "en": "Data & sources"},
    "page.what_if": {"fr": "Scénarios", "en": "What-if"},
    "page.briefing": {"fr": "Mode briefing", "en": "Briefing"},
    # --- metrics -------------------------------------------------------------------------
    "metric.required": {"fr": "Financement requis", "en": "Funding required"},
    "metric.confirmed": {"fr": "Financement confirmé", "en": "Funding confirmed"},
    "metric.gap": {"fr": "Déficit", "en": "Gap"},
    "metric.coverage": {"fr": "Couverture", "en": "Coverage"},
    "metric.people_targeted": {"fr": "Personnes ciblées", "en": "People targeted"},
    "metric.entities_targeted": {"fr": "Entités ciblées", "en": "Entities targeted"},
    "metric.idps": {"fr": "Personnes déplacées internes", "en": "Internally displaced persons"},
    # --- objectives ----------------------------------------------------------------------
    "objective.obj1": {
        "fr": "Sauver des vies et protéger les personnes en déplacement",
        "en": "Saving lives and protecting people on the move",
    },
    "objective.obj2": {
        "fr": "Apporter des solutions au déplacement",
        "en": "Driving solutions to displacement",
    },
    "objective_short.obj1": {"fr": "Objectif 1", "en": "Objective 1"},
    "objective_short.obj2": {"fr": "Objectif 2", "en": "Objective 2"},
    # --- activity areas: full names (English exactly as in the plan's breakdown table) ----
    "area.shelter": {"fr": "Abris et établissements humains", "en": "Shelter and settlements"},
    "area.cccm": {
        "fr": "Coordination et gestion des camps",
        "en": "Camp coordination and camp management",
    },
    "area.protection": {"fr": "Protection", "en": "Protection"},
    "area.mhpss": {
        "fr": "Santé mentale et soutien psychosocial dans la réponse humanitaire",
        "en": "Mental health and psychosocial support in humanitarian response",
    },
    "area.wash_emergency": {
        "fr": "Eau, assainissement et hygiène dans les situations d’urgence",
        "en": "Provision of water, sanitation and hygiene in emergencies",
    },
    "area.basic_needs": {
        "fr": "Besoins essentiels, y compris l’aide alimentaire et l’assistance monétaire "
        "à usages multiples",
        "en": "Basic needs, including food and multi-purpose cash assistance",
    },
    "area.border_management": {
        "fr": "Gestion humanitaire des frontières et services aux ressortissants à l’étranger",
        "en": "Humanitarian border management and services for citizens abroad",
    },
    "area.displacement_tracking": {"fr": "Suivi des déplacements", "en": "Displacement tracking"},
    "area.support_services": {
        "fr": "Services d’appui aux acteurs de la réponse",
        "en": "Support services for response actors",
    },
    "area.emergency_preparedness": {
        "fr": "Préparation aux situations d’urgence",
        "en": "Emergency preparedness",
    },
    "area.peacebuilding": {
        "fr": "Consolidation et préservation de la paix",
        "en": "Peacebuilding and peace preservation",
    },
    "area.community_stabilization": {
        "fr": "Stabilisation communautaire",
        "en": "Community stabilization",
    },
    "area.livelihoods": {
        "fr": "Moyens de subsistance et relèvement économique",
        "en": "Livelihoods and economic recovery",
    },
    "area.drr": {
        "fr": "Adaptation et réduction des risques de catastrophe",
        "en": "Adaptation and disaster risk reduction",
    },
    "area.wash_transition": {
        "fr": "Eau, assainissement et hygiène dans les situations de transition et d’après-crise",
        "en": "Provision of water, sanitation and hygiene in transitional and post-crisis "
        "situations",
    },
    # --- activity areas: short names for chart axes (projector legibility) ---------------
    "area_short.shelter": {"fr": "Abris", "en": "Shelter"},
    "area_short.cccm": {"fr": "CCCM (gestion des camps)", "en": "CCCM"},
    "area_short.protection": {"fr": "Protection", "en": "Protection"},
    "area_short.mhpss": {"fr": "SMSPS", "en": "MHPSS"},
    "area_short.wash_emergency": {"fr": "EAH (urgence)", "en": "WASH (emergencies)"},
    "area_short.basic_needs": {"fr": "Besoins essentiels", "en": "Basic needs and cash"},
    "area_short.border_management": {"fr": "Gestion des frontières", "en": "Border management"},
    "area_short.displacement_tracking": {
        "fr": "Suivi des déplacements (DTM)",
        "en": "Displacement tracking (DTM)",
    },
    "area_short.support_services": {"fr": "Services d’appui", "en": "Support services"},
    "area_short.emergency_preparedness": {
        "fr": "Préparation aux urgences",
        "en": "Emergency preparedness",
    },
    "area_short.peacebuilding": {"fr": "Consolidation de la paix", "en": "Peacebuilding"},
    "area_short.community_stabilization": {
        "fr": "Stabilisation communautaire",
        "en": "Community stabilization",
    },
    "area_short.livelihoods": {"fr": "Moyens de subsistance", "en": "Livelihoods"},
    "area_short.drr": {"fr": "Adaptation et RRC", "en": "Adaptation and DRR"},
    "area_short.wash_transition": {"fr": "EAH (transition)", "en": "WASH (transition)"},
    # --- statuses and qualifiers -----------------------------------------------------------
    "status.not_reported": {"fr": "non communiqué", "en": "not reported"},
    "status.not_itemised": {"fr": "Non ventilé", "en": "Not itemised"},
    "status.over_funded": {"fr": "surfinancé", "en": "over-funded"},
    "status.estimate": {"fr": "estimation", "en": "estimate"},
    "status.unchanged": {"fr": "inchangé", "en": "unchanged"},
    "label.other_regions": {"fr": "autres régions", "en": "other regions"},
    "label.total": {"fr": "Total", "en": "Total"},
    "label.objective": {"fr": "Objectif", "en": "Objective"},
    "label.activity_area": {"fr": "Domaine d’activité", "en": "Activity area"},
    "label.region": {"fr": "Région", "en": "Region"},
    # --- scenario -------------------------------------------------------------------------
    "scenario.watermark": {"fr": "SCÉNARIO", "en": "SCENARIO"},
    "scenario.title_prefix": {"fr": "SCÉNARIO — {title}", "en": "SCENARIO — {title}"},
    # --- what-if page (scenarios) ------------------------------------------------------------
    "whatif.intro": {
        "fr": "Modifiez le financement confirmé des domaines d’activité, appliquez, et chaque "
        "page affiche le scénario. Les données du plan ne sont jamais modifiées.",
        "en": "Edit the confirmed funding of activity areas, apply, and every page shows the "
        "scenario. The plan's data are never modified.",
    },
    "whatif.editor.title": {"fr": "Financement confirmé du scénario", "en": "Scenario funding"},
    "whatif.editor.help": {
        "fr": f"Cellule «{_NB}Confirmé (scénario){_NB}» vide{_NB}: le chiffre du plan est gardé. "
        "La promesse additionnelle s’ajoute au confirmé. Montants en dollars entiers.",
        "en": "Empty 'Confirmed (scenario)' cell: the plan's figure is kept. The additional "
        "pledge is added to the confirmed amount. Amounts in whole US dollars.",
    },
    "whatif.col.area": {"fr": "Domaine d’activité", "en": "Activity area"},
    "whatif.col.objective": {"fr": "Objectif", "en": "Objective"},
    "whatif.col.required": {"fr": "Requis", "en": "Required"},
    "whatif.col.plan_confirmed": {"fr": "Confirmé (plan)", "en": "Confirmed (plan)"},
    "whatif.col.confirmed_usd": {"fr": "Confirmé (scénario)", "en": "Confirmed (scenario)"},
    "whatif.col.pledge_usd": {"fr": "Promesse additionnelle", "en": "Additional pledge"},
    "whatif.col.note": {"fr": "Bailleur / note", "en": "Donor / note"},
    "whatif.col.confirmed_usd_help": {
        "fr": "Remplace le confirmé du plan (USD). Vide = chiffre du plan.",
        "en": "Replaces the plan's confirmed amount (USD). Empty = the plan's figure.",
    },
    "whatif.col.pledge_usd_help": {
        "fr": "Montant ajouté au confirmé, par exemple la promesse d’un bailleur (USD).",
        "en": "Amount added on top of the confirmed amount, e.g. a donor's pledge (USD).",
    },
    "whatif.col.note_help": {
        "fr": "Bailleur, source ou réserve (non incluse dans les liens partagés).",
        "en": "Donor, source or caveat (not included in shared links).",
    },
    "whatif.apply": {"fr": "Appliquer le scénario", "en": "Apply the scenario"},
    "whatif.reset": {"fr": "Revenir aux données du plan", "en": "Reset to plan figures"},
    "whatif.applied": {
        "fr": f"Scénario appliqué{_NB}: toutes les pages affichent ses chiffres.",
        "en": "Scenario applied: every page shows its figures.",
    },
    "whatif.unchanged": {
        "fr": f"Rien n’a changé{_NB}: le tableau reprend les chiffres déjà affichés.",
        "en": "Nothing changed: the table repeats the figures already shown.",
    },
    "whatif.refused": {
        "fr": f"Scénario non appliqué (les chiffres affichés restent inchangés){_NB}:",
        "en": "Scenario not applied (the figures shown are unchanged):",
    },
    "whatif.over_funded": {
        "fr": f"{{area}}{_NB}: {{confirmed}} confirmés dans le scénario, au-delà des {{required}} "
        "requis (surfinancé).",
        "en": "{area}: {confirmed} confirmed in the scenario, above the {required} required "
        "(over-funded).",
    },
    "whatif.compare.title": {"fr": "Plan et scénario", "en": "Plan and scenario"},
    "whatif.compare.baseline_only": {
        "fr": f"Aucun scénario actif{_NB}: les tableaux montrent les chiffres du plan.",
        "en": "No scenario is active: the tables show the plan's figures.",
    },
    "whatif.compare.no_change": {
        "fr": "Le scénario ne change aucun montant (notes seulement).",
        "en": "The scenario changes no amount (notes only).",
    },
    "whatif.compare.by_objective": {
        "fr": "Par objectif et pour le plan",
        "en": "By objective and for the plan",
    },
    "whatif.compare.by_area": {"fr": "Par domaine d’activité", "en": "By activity area"},
    "whatif.cmp.name": {"fr": "Nom", "en": "Name"},
    "whatif.cmp.baseline": {"fr": "Confirmé (plan)", "en": "Confirmed (plan)"},
    "whatif.cmp.scenario": {"fr": "Confirmé (scénario)", "en": "Confirmed (scenario)"},
    "whatif.cmp.delta": {"fr": "Variation", "en": "Change"},
    "whatif.cmp.baseline_coverage": {"fr": "Couverture (plan)", "en": "Coverage (plan)"},
    "whatif.cmp.scenario_coverage": {"fr": "Couverture (scénario)", "en": "Coverage (scenario)"},
    "whatif.cmp.delta_coverage": {"fr": "Variation de couverture", "en": "Coverage change"},
    "whatif.cmp.status": {"fr": "Statut", "en": "Status"},
    "whatif.pp": {"fr": "{value} pt", "en": "{value} pp"},
    "whatif.status.reported": {"fr": "communiqué", "en": "reported"},
    "whatif.status_change": {"fr": "{before} → {after}", "en": "{before} → {after}"},
    "whatif.default_name": {"fr": "Scénario", "en": "Scenario"},
    "whatif.saved.title": {"fr": "Scénarios enregistrés", "en": "Saved scenarios"},
    "whatif.saved.shared": {
        "fr": "Les scénarios enregistrés sont visibles par toutes les personnes qui utilisent "
        "ce tableau de bord.",
        "en": "Saved scenarios are visible to everyone who uses this dashboard.",
    },
    "whatif.save.name": {"fr": "Nom du scénario", "en": "Scenario name"},
    "whatif.save.overwrite": {
        "fr": "Remplacer un scénario enregistré du même nom",
        "en": "Replace a saved scenario of the same name",
    },
    "whatif.save.button": {"fr": "Enregistrer", "en": "Save"},
    "whatif.save.no_scenario": {
        "fr": "Appliquez un scénario pour pouvoir l’enregistrer.",
        "en": "Apply a scenario to be able to save it.",
    },
    "whatif.save.done": {
        "fr": f"Scénario «{_NB}{{name}}{_NB}» enregistré.",
        "en": "Scenario “{name}” saved.",
    },
    "whatif.save.refused": {
        "fr": f"Scénario non enregistré{_NB}:",
        "en": "Scenario not saved:",
    },
    "whatif.saved.none": {
        "fr": "Aucun scénario enregistré pour l’instant.",
        "en": "No scenario saved yet.",
    },
    "whatif.saved.choose": {"fr": "Scénario enregistré", "en": "Saved scenario"},
    "whatif.saved.option": {
        "fr": "{name} — {n} domaine(s) modifié(s), {updated}",
        "en": "{name} — {n} area(s) edited, {updated}",
    },
    "whatif.saved.open": {"fr": "Ouvrir", "en": "Open"},
    "whatif.saved.opened": {
        "fr": f"Scénario «{_NB}{{name}}{_NB}» ouvert.",
        "en": "Scenario “{name}” opened.",
    },
    "whatif.saved.refused": {
        "fr": f"Le scénario «{_NB}{{name}}{_NB}» ne peut pas être ouvert{_NB}:",
        "en": "The scenario “{name}” cannot be opened:",
    },
    "whatif.saved.delete": {"fr": "Supprimer…", "en": "Delete…"},
    "whatif.saved.confirm": {
        "fr": f"Supprimer «{_NB}{{name}}{_NB}» pour tout le monde{_NB}? C’est définitif.",
        "en": "Delete “{name}” for everyone? This cannot be undone.",
    },
    "whatif.saved.confirm_yes": {"fr": "Oui, supprimer", "en": "Yes, delete"},
    "whatif.saved.cancel": {"fr": "Annuler", "en": "Cancel"},
    "whatif.saved.deleted": {
        "fr": f"Scénario «{_NB}{{name}}{_NB}» supprimé.",
        "en": "Scenario “{name}” deleted.",
    },
    "whatif.saved.delete_refused": {
        "fr": f"Le scénario «{_NB}{{name}}{_NB}» ne peut pas être supprimé{_NB}:",
        "en": "The scenario “{name}” cannot be deleted:",
    },
    "whatif.file.title": {"fr": "Fichier de scénario (JSON)", "en": "Scenario file (JSON)"},
    "whatif.file.download": {
        "fr": "Télécharger le scénario actif (JSON)",
        "en": "Download the active scenario (JSON)",
    },
    "whatif.file.upload": {
        "fr": "Ouvrir un fichier de scénario (JSON)",
        "en": "Open a scenario file (JSON)",
    },
    "whatif.file.opened": {
        "fr": f"Scénario «{_NB}{{name}}{_NB}» ouvert depuis {{file}}.",
        "en": "Scenario “{name}” opened from {file}.",
    },
    "whatif.file.refused": {
        "fr": f"Fichier refusé ({{file}}), le scénario actif est inchangé{_NB}:",
        "en": "File refused ({file}), the active scenario is unchanged:",
    },
    "whatif.link.title": {"fr": "Partager par un lien", "en": "Share as a link"},
    "whatif.link.help": {
        "fr": "Ajoutez ceci à l’adresse du tableau de bord pour ouvrir le même scénario "
        "(les notes ne sont pas incluses).",
        "en": "Add this to the dashboard's address to open the same scenario (notes are not "
        "included).",
    },
    "whatif.link.none": {
        "fr": f"Aucun montant modifié{_NB}: rien à partager.",
        "en": "No amount is edited: nothing to share.",
    },
    "whatif.link.refused": {
        "fr": f"Le scénario du lien est refusé{_NB}; les chiffres du plan sont affichés{_NB}:",
        "en": "The link's scenario was refused; the plan's figures are shown:",
    },
    "whatif.problem.at": {"fr": f"{{where}}{_NB}: {{message}}", "en": "{where}: {message}"},
    "whatif.problem.generic": {"fr": "{detail}", "en": "{detail}"},
    "whatif.problem.not_an_integer": {
        "fr": "{value} n’est pas un nombre entier de dollars",
        "en": "{value} is not a whole number of US dollars",
    },
    "whatif.problem.negative": {
        "fr": f"{{value}} est négatif{_NB}: les montants commencent à 0",
        "en": "{value} is negative: amounts start at 0",
    },
    "whatif.problem.too_large": {
        "fr": "{value} dépasse la limite de {limit} USD",
        "en": "{value} is above the limit of {limit} USD",
    },
    "whatif.problem.not_text": {"fr": "n’est pas du texte", "en": "is not text"},
    "whatif.problem.too_long": {
        "fr": f"compte {{length}} caractères{_NB}; la limite est de {{limit}}",
        "en": "is {length} characters long; the limit is {limit}",
    },
    "whatif.problem.empty_name": {
        "fr": "le nom du scénario est vide",
        "en": "the scenario name is empty",
    },
    "whatif.problem.name_too_long": {
        "fr": f"le nom du scénario compte {{length}} caractères{_NB}; la limite est de {{limit}}",
        "en": "the scenario name is {length} characters long; the limit is {limit}",
    },
    "whatif.problem.control_character": {
        "fr": "le nom du scénario contient un caractère de contrôle",
        "en": "the scenario name contains a control character",
    },
    "whatif.problem.unknown_area": {
        "fr": f"domaine d’activité inconnu «{_NB}{{area_id}}{_NB}»{_NB}; identifiants valides"
        f"{_NB}: {{valid}}",
        "en": "unknown activity area “{area_id}”; valid ids: {valid}",
    },
    "whatif.problem.not_a_number": {
        "fr": "{value} n’est pas un montant en USD (écrire des chiffres, p. ex. 500000)",
        "en": "{value} is not an amount in USD (write digits, e.g. 500000)",
    },
    "whatif.problem.not_finite": {
        "fr": "{value} n’est pas un montant fini",
        "en": "{value} is not a finite amount",
    },
    "whatif.problem.not_whole": {
        "fr": "{value} n’est pas un nombre entier de dollars (pas de cents)",
        "en": "{value} is not a whole number of US dollars (no cents)",
    },
    "whatif.problem.unexpected_key": {"fr": "clé inattendue", "en": "unexpected key"},
    "whatif.problem.missing_column": {
        "fr": "le tableau n’a pas de colonne area_id",
        "en": "the table has no area_id column",
    },
    "whatif.problem.bad_type": {
        "fr": "les modifications ne sont pas un tableau des domaines d’activité",
        "en": "the edits are not a table of activity areas",
    },
    "whatif.problem.duplicate_area": {
        "fr": "ce domaine d’activité figure plus d’une fois",
        "en": "this activity area is given more than once",
    },
    "whatif.problem.too_large_file": {
        "fr": "le fichier dépasse 1 Mo",
        "en": "the file is larger than 1 MB",
    },
    "whatif.problem.not_utf8": {
        "fr": "le fichier n’est pas du texte UTF-8",
        "en": "the file is not UTF-8 text",
    },
    "whatif.problem.not_json": {
        "fr": "JSON non valide (ligne {line}, colonne {column})",
        "en": "not valid JSON (line {line}, column {column})",
    },
    "whatif.problem.not_object": {
        "fr": "n’est pas un objet JSON",
        "en": "is not a JSON object",
    },
    "whatif.problem.missing_key": {
        "fr": f"clé manquante{_NB}: ce n’est pas un fichier de scénario complet",
        "en": "missing key: this is not a complete scenario file",
    },
    "whatif.problem.wrong_format": {
        "fr": f"«{_NB}{{value}}{_NB}» n’est pas un fichier de scénario de ce tableau de bord",
        "en": "“{value}” is not a scenario file of this dashboard",
    },
    "whatif.problem.wrong_version": {
        "fr": "la version {value} n’est pas prise en charge (ce tableau de bord lit la "
        "version {supported})",
        "en": "version {value} is not supported (this dashboard reads version {supported})",
    },
    "whatif.problem.duplicate_key": {
        "fr": "cette clé apparaît plusieurs fois",
        "en": "this key appears more than once",
    },
    "whatif.problem.bad_date": {
        "fr": "{value} n’est pas une date AAAA-MM-JJ",
        "en": "{value} is not a date YYYY-MM-DD",
    },
    "whatif.problem.baseline_mismatch": {
        "fr": "le scénario a été fait pour le plan du {value}, pas pour ce plan ({expected})",
        "en": "the scenario was made for the plan of {value}, not for this plan ({expected})",
    },
    "whatif.problem.bad_query": {
        "fr": f"«{_NB}{{entry}}{_NB}» n’est pas de la forme domaine:montant (p. ex. "
        "shelter:951968, shelter:451968+500000 ou cccm:=+50000)",
        "en": "“{entry}” is not area:amount (e.g. shelter:951968, shelter:451968+500000 or "
        "cccm:=+50000)",
    },
    "whatif.problem.ambiguous_query": {
        "fr": f"«{_NB}{{entry}}{_NB}» est ambigu{_NB}: écrire les montants en chiffres seuls "
        "(500000) et une promesse après + (%2B dans un lien)",
        "en": "“{entry}” is ambiguous: write amounts as plain digits (500000) and a pledge "
        "after + (%2B in a link)",
    },
    "whatif.problem.duplicate_name": {
        "fr": f"un scénario nommé «{_NB}{{name}}{_NB}» est déjà enregistré{_NB}: choisissez un "
        "autre nom ou cochez la case de remplacement",
        "en": "a scenario named “{name}” is already saved: choose another name or tick the "
        "replace box",
    },
    "whatif.problem.not_found": {
        "fr": f"aucun scénario nommé «{_NB}{{name}}{_NB}» n’est enregistré",
        "en": "no scenario named “{name}” is saved",
    },
    # --- sources ---------------------------------------------------------------------------
    "stamp.template": {
        "fr": f"Source{_NB}: {{source}} — données au {{as_of}}",
        "en": "Source: {source} — data as of {as_of}",
    },
    "source.plan": {
        "fr": "OIM Mali, Plan de réponse aux crises 2023-2024",
        "en": "IOM Mali, Crisis Response Plan 2023-2024",
    },
    "source.dtm": {
        "fr": "OIM, Matrice de suivi des déplacements (DTM) Mali — fichier chargé {file}",
        "en": "IOM Displacement Tracking Matrix (DTM) Mali — uploaded file {file}",
    },
    "source.dtm_plan": {
        "fr": "OIM Mali, Plan de réponse aux crises 2023-2024 (analyse du contexte), d’après la "
        "DTM Mali",
        "en": "IOM Mali, Crisis Response Plan 2023-2024 (context analysis), citing DTM Mali",
    },
    "source.scenario": {
        "fr": "{source}, modifié par l’utilisateur (scénario)",
        "en": "{source}, edited by the user (scenario)",
    },
    # --- chart titles ----------------------------------------------------------------------
    "chart.area_funding.title": {
        "fr": "Financement par domaine d’activité (USD)",
        "en": "Funding by activity area (USD)",
    },
    "chart.objective_funding.title": {
        "fr": "Financement par objectif (USD)",
        "en": "Funding by objective (USD)",
    },
    "chart.coverage_donuts.title": {
        "fr": "Couverture du financement par domaine d’activité",
        "en": "Funding coverage by activity area",
    },
    "chart.coverage_total.title": {
        "fr": "Couverture du financement du plan",
        "en": "Funding coverage of the plan",
    },
    "chart.delta.title": {
        "fr": "Variation du financement confirmé (scénario − plan)",
        "en": "Change in confirmed funding (scenario − plan)",
    },
    # --- funding and coverage pages (controls around these charts) ------------------------
    "funding.sort_by": {"fr": "Trier par", "en": "Sort by"},
    "funding.sort.required": {"fr": "Montant requis", "en": "Amount required"},
    "funding.sort.gap": {"fr": "Déficit", "en": "Gap"},
    "funding.sort.coverage": {
        "fr": "Couverture",
        "en": "Coverage",
    },
    "funding.filter_objectives": {"fr": "Objectifs affichés", "en": "Objectives shown"},
    "funding.choose_objective": {
        "fr": "Choisissez au moins un objectif pour afficher les domaines d’activité.",
        "en": "Choose at least one objective to show its activity areas.",
    },
    "funding.by_objective": {"fr": "Par objectif", "en": "By objective"},
    "funding.not_reported_explained": {
        "fr": f"Barres grises hachurées{_NB}: le plan ne communique pas de financement confirmé "
        "pour ce domaine. C’est une donnée manquante, pas un financement nul.",
        "en": "Grey hatched bars: the plan reports no confirmed funding figure for this area. "
        "It is missing data, not zero funding.",
    },
    "coverage.plan": {"fr": "Ensemble du plan", "en": "Whole plan"},
    "coverage.by_area": {"fr": "Par domaine d’activité", "en": "By activity area"},
    # --- legends ---------------------------------------------------------------------------
    "legend.confirmed": {"fr": "Confirmé", "en": "Confirmed"},
    "legend.confirmed_itemised": {
        "fr": "Confirmé, ventilé par domaine",
        "en": "Confirmed, itemised by area",
    },
    "legend.not_itemised": {"fr": "Confirmé, non ventilé", "en": "Confirmed, not itemised"},
    "legend.gap": {"fr": "Déficit", "en": "Gap"},
    "legend.not_reported": {
        "fr": "Confirmé non communiqué",
        "en": "Confirmed not reported",
    },
    "legend.required": {"fr": "Requis", "en": "Required"},
    "legend.increase": {"fr": "Hausse", "en": "Increase"},
    "legend.decrease": {"fr": "Baisse", "en": "Decrease"},
    # --- bar and donut labels --------------------------------------------------------------
    "label.bar_end": {
        "fr": "{confirmed} / {required} ({coverage})",
        "en": "{confirmed} / {required} ({coverage})",
    },
    "label.bar_end_not_reported": {
        "fr": "{not_reported} / {required}",
        "en": "{not_reported} / {required}",
    },
    "label.over_funded_flag": {"fr": "▲ surfinancé", "en": "▲ over-funded"},
    "label.not_itemised_value": {
        "fr": f"Non ventilé{_NB}: {{value}}",
        "en": "Not itemised: {value}",
    },
    "label.not_reported_areas": {
        "fr": f"Confirmé non communiqué ({{n}} domaines){_NB}: {{areas}}",
        "en": "Confirmed not reported ({n} areas): {areas}",
    },
    "label.delta_from_not_reported": {
        "fr": "plan non communiqué → {value}",
        "en": "plan not reported → {value}",
    },
    "label.delta_to_not_reported": {
        "fr": "{value} → non communiqué",
        "en": "{value} → not reported",
    },
    # --- hover lines -----------------------------------------------------------------------
    "hover.required": {"fr": f"Requis{_NB}: {{value}}", "en": "Required: {value}"},
    "hover.confirmed": {"fr": f"Confirmé{_NB}: {{value}}", "en": "Confirmed: {value}"},
    "hover.gap": {"fr": f"Déficit{_NB}: {{value}}", "en": "Gap: {value}"},
    "hover.coverage": {"fr": f"Couverture{_NB}: {{value}}", "en": "Coverage: {value}"},
    "hover.not_itemised": {
        "fr": f"Confirmé non ventilé{_NB}: {{value}}",
        "en": "Confirmed, not itemised: {value}",
    },
    "hover.itemised": {
        "fr": f"Confirmé ventilé par domaine{_NB}: {{value}}",
        "en": "Confirmed, itemised by area: {value}",
    },
    "hover.baseline": {"fr": f"Plan{_NB}: {{value}}", "en": "Plan: {value}"},
    "hover.scenario": {"fr": f"Scénario{_NB}: {{value}}", "en": "Scenario: {value}"},
    "hover.change": {"fr": f"Variation{_NB}: {{value}}", "en": "Change: {value}"},
    "hover.people_targeted": {
        "fr": f"Personnes ciblées{_NB}: {{value}}",
        "en": "People targeted: {value}",
    },
    # --- pages: overview, displacement, data & sources, uploads (lead) ---------------------
    "overview.as_of": {
        "fr": "{title} — document mis à jour le {as_of}",
        "en": "{title} — document updated {as_of}",
    },
    "overview.printed_totals": {
        "fr": f"Le plan indique {{confirmed}} confirmés et {{gap}} de déficit (arrondis){_NB}; "
        "les montants ci-dessus sont la somme exacte des objectifs.",
        "en": "The plan prints {confirmed} confirmed and a {gap} gap (rounded); "
        "the amounts above are the exact sum of the objectives.",
    },
    "overview.objectives": {"fr": "Couverture par objectif", "en": "Coverage by objective"},
    "overview.objective_line": {
        "fr": "**{confirmed}** confirmés sur **{required}** requis · {people} personnes ciblées",
        "en": "**{confirmed}** confirmed of **{required}** required · {people} people targeted",
    },
    "overview.unitemised": {
        "fr": "dont {amount} confirmés non ventilés par domaine d’activité",
        "en": "of which {amount} confirmed but not itemised to any activity area",
    },
    "overview.notes": {"fr": "Notes sur les données", "en": "Data notes"},
    "overview.dtm_line": {
        "fr": f"Déplacements{_NB}: {{total}} personnes déplacées internes au {{as_of}} (DTM Mali).",
        "en": "Displacement: {total} internally displaced persons as of {as_of} (DTM Mali).",
    },
    "overview.checks_that_match": {
        "fr": "Contrôles concordants ({n})",
        "en": "Checks that add up ({n})",
    },
    "note_kind.match": {"fr": "Concorde", "en": "Adds up"},
    "note_kind.difference": {"fr": "Écart", "en": "Difference"},
    "note_kind.rounding": {"fr": "Arrondi", "en": "Rounding"},
    "note_kind.truncation": {"fr": "Troncature", "en": "Truncation"},
    "note_kind.not_additive": {"fr": "Non additif", "en": "Not additive"},
    "note_kind.not_assigned": {"fr": "Non cartographié", "en": "Not mapped"},
    "mention.context": {"fr": "l’analyse du contexte", "en": "context analysis"},
    "mention.factbox": {"fr": "l’encadré des chiffres clés", "en": "key-figures box"},
    "note.objective_required": {
        "fr": f"{{name}}{_NB}: les domaines d’activité totalisent {{computed_usd}} requis, pour "
        f"{{printed_usd}} indiqués pour l’objectif (écart{_NB}: {{amount_usd}}).",
        "en": "{name}: the activity areas' requirements add up to {computed_usd}, against "
        "{printed_usd} printed for the objective (difference: {amount_usd}).",
    },
    "note.plan_required": {
        "fr": "Les objectifs totalisent {computed_usd} requis, pour un total du plan de "
        f"{{printed_usd}} (écart{_NB}: {{amount_usd}}).",
        "en": "The objectives' requirements add up to {computed_usd}, against the plan total "
        "of {printed_usd} (difference: {amount_usd}).",
    },
    "note.objective_confirmed": {
        "fr": f"{{name}}{_NB}: les {{reported}} domaines d’activité sur {{total}} dont le financement "
        "confirmé est communiqué totalisent {computed_usd}, pour {printed_usd} confirmés pour "
        f"l’objectif{_NB}: {{amount_usd}} confirmés ne sont ventilés dans aucun domaine.",
        "en": "{name}: the {reported} of {total} activity areas with a reported confirmed "
        "amount add up to {computed_usd}, against {printed_usd} confirmed for the objective: "
        "{amount_usd} confirmed are not itemised to any area.",
    },
    "note.plan_confirmed": {
        "fr": "Le plan indique un total confirmé de {printed_usd} (arrondi au dixième de "
        f"million){_NB}; les objectifs donnent {{computed_usd}}, le chiffre affiché ici.",
        "en": "The plan prints total confirmed funding as {printed_usd} (rounded to 0.1 "
        "million); the objectives give {computed_usd}, the figure shown here.",
    },
    "note.plan_gap": {
        "fr": "Le plan indique un déficit total de {printed_usd} (arrondi au dixième de "
        f"million){_NB}; les objectifs donnent {{computed_usd}}, le chiffre affiché ici.",
        "en": "The plan prints the total gap as {printed_usd} (rounded to 0.1 million); the "
        "objectives give {computed_usd}, the figure shown here.",
    },
    "note.printed_pct_rounding": {
        "fr": f"{{name}}{_NB}: le plan indique {{printed_pct}} confirmés{_NB}; les montants donnent "
        "{computed_pct}.",
        "en": "{name}: the plan prints {printed_pct} confirmed; the amounts give {computed_pct}.",
    },
    "note.printed_pct_truncation": {
        "fr": f"{{name}}{_NB}: le plan indique {{printed_pct}} confirmés{_NB}; les montants donnent "
        "{computed_pct} (pourcentage du plan tronqué, non arrondi).",
        "en": "{name}: the plan prints {printed_pct} confirmed; the amounts give {computed_pct} "
        "(the printed percentage is truncated, not rounded).",
    },
    "note.printed_pct_difference": {
        "fr": f"{{name}}{_NB}: le plan indique {{printed_pct}} confirmés, mais les montants donnent "
        "{computed_pct}.",
        "en": "{name}: the plan prints {printed_pct} confirmed, but the amounts give "
        "{computed_pct}.",
    },
    "note.people_not_additive": {
        "fr": "Les personnes ciblées par objectif totalisent {objectives_people}, pour "
        f"{{plan_people}} dans le plan{_NB}: une même personne peut être ciblée par les deux "
        f"objectifs{_NB}; les chiffres des objectifs ne s’additionnent pas.",
        "en": "People targeted per objective add up to {objectives_people}, against "
        "{plan_people} for the plan: the same people can be targeted by both objectives, so "
        "objective figures do not add up.",
    },
    "note.dtm_total_differs": {
        "fr": f"Le plan indique aussi {{printed}} PDI ({{mention}}){_NB}; le tableau de bord utilise "
        "le chiffre DTM de {used} au {as_of}, soit un écart de {difference}.",
        "en": "The plan also prints {printed} IDPs ({mention}); the dashboard uses DTM's "
        "{used} as of {as_of}, a difference of {difference}.",
    },
    "note.dtm_date_differs": {
        "fr": f"Le plan date ce chiffre de «{_NB}{{printed_month}}{_NB}» ({{mention}}){_NB}; le "
        "tableau de bord utilise {used} PDI au {as_of}, date de l’encadré des chiffres clés. "
        "Les parts régionales viennent du même paragraphe.",
        "en": "The plan dates this figure '{printed_month}' ({mention}); the dashboard uses "
        "{used} IDPs as of {as_of}, the key-figures box's date. The regional shares come "
        "from the same paragraph.",
    },
    "note.dtm_shares_rounded": {
        "fr": f"Les parts régionales sont des pourcentages entiers{_NB}: chaque estimation "
        "régionale est précise à environ ±{precision} PDI (un demi-point de {total}).",
        "en": "The regional shares are whole percentages: each regional estimate is precise "
        "to about ±{precision} IDPs (half a percentage point of {total}).",
    },
    "note.dtm_other_regions": {
        "fr": "{other_pct} des PDI ({other}) se trouvent dans d’autres régions, non "
        "rattachées à une unité de la carte.",
        "en": "{other_pct} of IDPs ({other}) are in other regions, not assigned to any unit "
        "of the map.",
    },
    "displacement.load_other": {
        "fr": "Charger un autre tableau DTM ou d’autres limites",
        "en": "Load another DTM table or other boundaries",
    },
    "displacement.upload_help": {
        "fr": f"Tableau DTM (CSV, UTF-8){_NB}: colonnes `region,share_pct` (parts en %) ou "
        f"`region,idps,as_of` (effectifs d’un cycle DTM). Limites{_NB}: GeoJSON, shapefile "
        "zippé ou GeoPackage au format OCHA COD-AB (`ADM1_FR`, `ADM1_PCODE`, ou cercles "
        f"`ADM2_PCODE`, `ADM1_PCODE`), reconnus par leur contenu. {{limit}}{_NB}Mo au plus par "
        "fichier. Un fichier refusé ne remplace pas les données déjà chargées.",
        "en": "DTM table (CSV, UTF-8): columns `region,share_pct` (shares in %) or "
        "`region,idps,as_of` (counts of a DTM round). Boundaries: GeoJSON, zipped shapefile or "
        "GeoPackage in the OCHA COD-AB shape (`ADM1_FR`, `ADM1_PCODE`, or cercles "
        "`ADM2_PCODE`, `ADM1_PCODE`), recognised by their content. At most {limit} MB a file. "
        "A refused file does not replace what is loaded.",
    },
    "displacement.upload_dtm": {"fr": "Tableau DTM (CSV)", "en": "DTM table (CSV)"},
    "displacement.upload_boundaries": {
        "fr": "Limites administratives (GeoJSON, shapefile zippé, GeoPackage)",
        "en": "Administrative boundaries (GeoJSON, zipped shapefile, GeoPackage)",
    },
    "displacement.back_to_bundled": {
        "fr": "Revenir aux données du plan",
        "en": "Back to the plan's data",
    },
    "displacement.overlay_area": {
        "fr": "Où le domaine d’activité prévoit d’intervenir",
        "en": "Where an activity area plans to work",
    },
    "displacement.no_overlay": {"fr": "(aucun domaine)", "en": "(no activity area)"},
    "displacement.no_region_named": {
        "fr": "le plan ne nomme aucune région pour ce domaine",
        "en": "the plan names no region for this area",
    },
    "displacement.overlay_caption": {
        "fr": f"{{area}}{_NB}: régions nommées par le plan{_NB}: {{regions}}. Financement "
        "{confirmed} confirmés sur {required} requis ({coverage}).",
        "en": "{area}: regions the plan names: {regions}. Funding {confirmed} confirmed of "
        "{required} required ({coverage}).",
    },
    "displacement.overlay_caption_not_reported": {
        "fr": f"{{area}}{_NB}: régions nommées par le plan{_NB}: {{regions}}. Financement "
        f"requis{_NB}: {{required}}{_NB}; financement confirmé non communiqué dans le plan.",
        "en": "{area}: regions the plan names: {regions}. Funding required: {required}; "
        "confirmed funding not reported in the plan.",
    },
    "displacement.inferred_region": {
        "fr": f"{{region}} (déduite{_NB}: le plan nomme {{place}}, qui en fait partie)",
        "en": "{region} (inferred: the plan names {place}, which is part of it)",
    },
    "displacement.total_line": {
        "fr": "**{total}** personnes déplacées internes au {as_of} (DTM Mali). Estimations "
        f"régionales = part × total. **Autres régions{_NB}: {{other}} ({{other_pct}})**, non "
        "rattachées à une unité de la carte.",
        "en": "**{total}** internally displaced persons as of {as_of} (DTM Mali). Regional "
        "estimates = share × total. **Other regions: {other} ({other_pct})**, not assigned "
        "to any map unit.",
    },
    "displacement.tab_map": {"fr": "Carte", "en": "Map"},
    "displacement.boundaries_default": {
        "fr": "Limites\u00a0: Natural Earth 1:10m (domaine public), 8 régions et le district de "
        "Bamako (structure d’avant 2016)\u00a0; les régions créées depuis sont comptées dans la "
        "région qui les contenait. Tracés indicatifs, non officiels.",
        "en": "Boundaries: Natural Earth 1:10m (public domain), 8 regions and Bamako district "
        "(pre-2016 structure); regions created since are counted in the region that contained "
        "them. Lines are indicative, not official.",
    },
    "displacement.boundaries_uploaded": {
        "fr": "Limites\u00a0: {name} (fichier chargé).",
        "en": "Boundaries: {name} (uploaded file).",
    },
    "displacement.tab_3d": {"fr": "Vue 3D", "en": "3D view"},
    "displacement.tab_table": {"fr": "Tableau", "en": "Table"},
    "displacement.map_title": {
        "fr": "PDI estimées par région",
        "en": "Estimated IDPs per region",
    },
    "displacement.deck_caption": {
        "fr": f"Hauteur proportionnelle aux PDI estimées. Source{_NB}: {{source}} — données au "
        "{as_of}.",
        "en": "Height proportional to estimated IDPs. Source: {source} — data as of {as_of}.",
    },
    "displacement.no_share_units": {
        "fr": f"{{n}} unités de la carte n’ont pas de part DTM propre (grisées){_NB}: leurs PDI "
        f"sont comptées dans «{_NB}autres régions{_NB}».",
        "en": "{n} map units have no DTM share of their own (grey): their IDPs are counted in "
        "'other regions'.",
    },
    "upload.accepted": {
        "fr": f"Fichier chargé{_NB}: {{name}}",
        "en": "File loaded: {name}",
    },
    "upload.refused": {
        "fr": f"Fichier refusé ({{name}}){_NB}:",
        "en": "File refused ({name}):",
    },
    "upload.done_to_file": {
        "fr": f"Ce que le tableau de bord a fait au fichier{_NB}:",
        "en": "What the dashboard did to the file:",
    },
    "data.baseline_only": {
        "fr": "Tableaux tels que chargés depuis le plan (référence, sans scénario). Une cellule "
        f"vide signifie «{_NB}non communiqué{_NB}», jamais zéro.",
        "en": "Tables as loaded from the plan (baseline, no scenario). An empty cell means "
        "'not reported', never zero.",
    },
    "data.download_xlsx": {
        "fr": "Télécharger tous les tableaux (Excel)",
        "en": "Download every table (Excel)",
    },
    "data.download_csv": {"fr": "Télécharger {name}", "en": "Download {name}"},
    "data.table.plan_summary": {"fr": "Chiffres clés du plan", "en": "Plan key figures"},
    "data.table.objectives": {"fr": "Objectifs", "en": "Objectives"},
    "data.table.activity_areas": {"fr": "Domaines d’activité", "en": "Activity areas"},
    "data.table.area_regions": {
        "fr": "Régions nommées par domaine",
        "en": "Regions named per area",
    },
    "data.table.dtm_regions": {"fr": "Parts régionales DTM", "en": "DTM regional shares"},
    "data.table.plan_idp_mentions": {
        "fr": "Totaux de PDI indiqués dans le plan",
        "en": "IDP totals printed in the plan",
    },
    "data.table.data_notes": {"fr": "Notes sur les données", "en": "Data notes"},
    "data.table.sources": {"fr": "Sources", "en": "Sources"},
    # --- maps ------------------------------------------------------------------------------
    "map.table.idps": {"fr": "PDI estimées", "en": "Estimated IDPs"},
    "map.table.share": {"fr": "Part", "en": "Share"},
    "map.table.dtm_regions": {"fr": "Régions DTM", "en": "DTM regions"},
    "map.hover.idps": {
        "fr": f"PDI estimées{_NB}: {{value}}",
        "en": "Estimated IDPs: {value}",
    },
    "map.hover.share": {
        "fr": f"Part du total DTM{_NB}: {{value}}",
        "en": "Share of DTM total: {value}",
    },
    "map.hover.as_of": {"fr": "Données au {value}", "en": "Data as of {value}"},
    "map.hover.dtm_regions": {
        "fr": f"Régions DTM{_NB}: {{value}}",
        "en": "DTM regions: {value}",
    },
    "map.no_dtm_share": {
        "fr": "pas de part DTM (comprise dans «\u00a0autres régions\u00a0»)",
        "en": "no DTM share (part of 'other regions')",
    },
    "map.presence": {"fr": "Zone d’intervention prévue", "en": "Planned activity area"},
    "map.colorbar": {"fr": "PDI<br>(estimation)", "en": "IDPs<br>(estimate)"},
    # --- briefing mode and exports (projector view, briefing pack, chart downloads) --------
    "briefing.subtitle": {
        "fr": "Briefing de l’équipe humanitaire pays (EHP)",
        "en": "Humanitarian Country Team (HCT) briefing",
    },
    "briefing.screen.status": {"fr": "Le plan en chiffres", "en": "The plan at a glance"},
    "briefing.screen.objectives": {
        "fr": "Financement par objectif",
        "en": "Funding by objective",
    },
    "briefing.screen.coverage": {"fr": "Couverture du financement", "en": "Funding coverage"},
    "briefing.screen.displacement": {
        "fr": "Personnes déplacées internes",
        "en": "Internally displaced persons",
    },
    "briefing.figure.as_of": {"fr": "Données au", "en": "Data as of"},
    "briefing.figure.objective_gap": {"fr": "{objective} — déficit", "en": "{objective} — gap"},
    "briefing.figure.objective_coverage": {
        "fr": "{objective} — couverture",
        "en": "{objective} — coverage",
    },
    "briefing.figure.plan_coverage": {"fr": "Plan — couverture", "en": "Plan — coverage"},
    "briefing.figure.areas_reported": {
        "fr": "Domaines renseignés",
        "en": "Areas reporting funding",
    },
    "briefing.figure.other_regions": {
        "fr": "Autres régions (hors carte)",
        "en": "Other regions (not mapped)",
    },
    "briefing.figure.other_value": {"fr": "{value} ({pct})", "en": "{value} ({pct})"},
    "briefing.note.printed_totals": {
        "fr": f"Le plan indique {{confirmed}} confirmés et {{gap}} de déficit (arrondis){_NB}; "
        "les chiffres ci-dessus sont calculés à partir des montants détaillés.",
        "en": "The plan prints {confirmed} confirmed and a {gap} gap (rounded); the figures "
        "above are computed from the detailed amounts.",
    },
    "briefing.note.unitemised": {
        "fr": f"{{objective}}{_NB}: {{amount}} confirmés ne sont ventilés par aucun domaine "
        "d’activité.",
        "en": "{objective}: {amount} confirmed is not itemised by activity area.",
    },
    "briefing.note.coverage": {
        "fr": "Couverture = financement confirmé ÷ financement requis. Domaines sans montant "
        f"confirmé communiqué{_NB}: «{_NB}non communiqué{_NB}», jamais 0{_NB}%.",
        "en": "Coverage = funding confirmed ÷ funding required. Areas without a reported "
        "confirmed amount: 'not reported', never 0%.",
    },
    "briefing.note.other_regions": {
        "fr": f"Autres régions{_NB}: {{value}} PDI ({{pct}}) sans part régionale dans les "
        f"chiffres DTM cités par le plan{_NB}; elles ne sont pas représentées sur la carte.",
        "en": "Other regions: {value} IDPs ({pct}) without a regional share in the DTM figures "
        "cited by the plan; they are not shown on the map.",
    },
    "briefing.coverage.chart_title": {
        "fr": f"Couverture du financement{_NB}: plan et objectifs",
        "en": "Funding coverage: plan and objectives",
    },
    "briefing.coverage.plan": {"fr": "Plan (total)", "en": "Plan (total)"},
    "briefing.map.title": {
        "fr": "PDI estimées par région (parts DTM)",
        "en": "Estimated IDPs by region (DTM shares)",
    },
    "briefing.nav.previous": {"fr": "Précédent", "en": "Previous"},
    "briefing.nav.next": {"fr": "Suivant", "en": "Next"},
    "briefing.nav.position": {"fr": "Écran {n} / {total}", "en": "Screen {n} of {total}"},
    "briefing.exit": {"fr": "Quitter le mode briefing", "en": "Exit briefing"},
    "briefing.pack.heading": {"fr": "Dossier de briefing", "en": "Briefing pack"},
    "briefing.pack.help": {
        "fr": f"Construit sur le serveur, hors ligne, en {{language}}{_NB}: page de garde, "
        "un écran par page, sources. Quelques secondes au premier clic.",
        "en": "Built on the server, offline, in {language}: cover, one screen per page, "
        "sources. A few seconds on the first click.",
    },
    "briefing.pack.pdf": {"fr": "Dossier PDF", "en": "PDF pack"},
    "briefing.pack.pptx": {"fr": "Dossier PowerPoint", "en": "PowerPoint pack"},
    "briefing.pack.footer_right": {
        "fr": "{date} — page {page}/{pages}",
        "en": "{date} — page {page}/{pages}",
    },
    "briefing.cover.date": {"fr": f"Date{_NB}: {{date}}", "en": "Date: {date}"},
    "briefing.cover.as_of": {
        "fr": f"Données au{_NB}: {{as_of}}",
        "en": "Data as of: {as_of}",
    },
    "briefing.cover.as_of_both": {
        "fr": f"{{plan}} (plan){_NB}; {{dtm}} (DTM)",
        "en": "{plan} (plan); {dtm} (DTM)",
    },
    "briefing.cover.language": {"fr": f"Langue{_NB}: {{language}}", "en": "Language: {language}"},
    "briefing.cover.scenario": {
        "fr": f"Ce dossier montre un scénario{_NB}: les montants confirmés modifiés ne sont pas "
        "ceux du plan. Les chiffres DTM ne sont pas modifiés.",
        "en": "This pack shows a scenario: the edited confirmed amounts are not the plan's. "
        "The DTM figures are not edited.",
    },
    "briefing.sources.title": {"fr": "Sources", "en": "Sources"},
    "briefing.sources.intro": {
        "fr": f"Chaque chiffre est transcrit de ces documents{_NB}; déficits, couvertures et "
        "totaux sont calculés par le tableau de bord.",
        "en": "Every figure is transcribed from these documents; gaps, coverage and totals "
        "are computed by the dashboard.",
    },
    "briefing.sources.document": {"fr": "Document", "en": "Document"},
    "briefing.sources.date": {"fr": "Date", "en": "Date"},
    "briefing.sources.section": {"fr": "Section du document", "en": "Section"},
    "export.png": {"fr": "PNG", "en": "PNG"},
    "export.svg": {"fr": "SVG", "en": "SVG"},
    "export.unavailable": {
        "fr": "Export des graphiques indisponible sur ce serveur (Chromium n’est pas installé).",
        "en": "Chart export is not available on this server (Chromium is not installed).",
    },
    "app.unexpected_error": {
        "fr": "Cette page a rencontré une erreur inattendue. Les données chargées sont "
        f"conservées{_NB}: rechargez la page ou choisissez-en une autre.",
        "en": "This page hit an unexpected error. What was loaded is kept: reload the page "
        "or open another one.",
    },
    "upload.too_large": {
        "fr": f"{{name}}{_NB}: fichier refusé, {{size}}{_NB}Mo dépasse la limite de "
        f"{{limit}}{_NB}Mo.",
        "en": "{name}: file refused, {size} MB is above the limit of {limit} MB.",
    },
    "export.help": {
        "fr": "Télécharger le graphique ({format}, {width} × {height} px) avec son titre, sa "
        "source et la date des données",
        "en": "Download the chart ({format}, {width} × {height} px) with its title, source "
        "and data date",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``params``.

    Raises
    ------
    KeyError
        The key is not in :data:`LABELS` (a missing key must fail loudly, in tests).
    ValueError
        ``lang`` is not one of :data:`LANGS`.
    """
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    try:
        entry = LABELS[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in components.i18n.LABELS") from None
    text = entry[lang]
    return text.format(**params) if params else text


def has_label(key: str) -> bool:
    """Whether ``key`` is in the table (for optional labels such as short names)."""
    return key in LABELS


def _merge(*tables: dict[str, dict[str, str]]) -> None:
    """Add the per-topic label tables; a key defined twice is a programming error."""
    for table in tables:
        for key, entry in table.items():
            if key in LABELS:
                raise KeyError(f"label {key!r} is defined twice")
            LABELS[key] = entry


_merge(_labels_geo.LABELS, _labels_tables.LABELS, _labels_scenarios.LABELS)
