"""Interface text for input problems (scenarios), merged into :data:`components.i18n.LABELS`.

``whatif.problem.<code>`` words a :class:`data.scenario.Problem` of that code (its params
fill the template, escaped by the page); ``whatif.store.reason.<reason>`` words each
``data.store.REASONS``; ``whatif.store.*`` is the saved-scenarios section of the What-if
page. French typography: a no-break space (U+00A0) before ``:`` ``;`` ``?`` ``!`` and inside
« », the typographic apostrophe (U+2019).
"""

from __future__ import annotations

_NB = "\u00a0"

LABELS: dict[str, dict[str, str]] = {
    # --- problems with names, amounts and files ---------------------------------------------
    "whatif.problem.format_character": {
        "fr": "le nom du scénario contient un caractère invisible ou de sens d’écriture ({char})",
        "en": "the scenario name contains an invisible or text-direction character ({char})",
    },
    "whatif.problem.invalid_character": {
        "fr": "contient un caractère qui ne peut pas être enregistré ({char})",
        "en": "contains a character that cannot be stored ({char})",
    },
    "whatif.problem.mixed_scripts": {
        "fr": "le nom du scénario mêle des lettres latines et des lettres cyrilliques ou grecques "
        "(lettres qui se ressemblent)",
        "en": "the scenario name mixes Latin letters with Cyrillic or Greek letters (letters "
        "that look alike)",
    },
    "whatif.problem.ambiguous_amount": {
        "fr": f"{{value}} est ambigu{_NB}: séparateur de milliers ou décimales{_NB}? Écrivez "
        "des dollars entiers en chiffres seuls (p. ex. 91000)",
        "en": "{value} is ambiguous: a thousands separator or decimals? Write whole dollars as "
        "plain digits (e.g. 91000)",
    },
    "whatif.problem.too_deep": {
        "fr": "ce n’est pas un fichier de scénario (JSON imbriqué trop profondément)",
        "en": "this is not a scenario file (JSON nested too deeply)",
    },
    "whatif.problem.more": {"fr": "… et {n} de plus", "en": "… and {n} more"},
    # --- problems with the saved scenarios ----------------------------------------------------
    "whatif.problem.empty_author": {
        "fr": "saisissez d’abord votre nom (il est affiché avec ce que vous enregistrez)",
        "en": "type your name first (it is shown with what you save)",
    },
    "whatif.problem.author_too_long": {
        "fr": f"votre nom compte {{length}} caractères{_NB}; la limite est de {{limit}}",
        "en": "your name is {length} characters long; the limit is {limit}",
    },
    "whatif.problem.author_bad_character": {
        "fr": "votre nom contient un caractère de contrôle, invisible ou de sens d’écriture "
        "({char})",
        "en": "your name contains a control, invisible or text-direction character ({char})",
    },
    "whatif.problem.name_taken": {
        "fr": f"un scénario nommé «{_NB}{{name}}{_NB}» est déjà enregistré{_NB}: choisissez un "
        "autre nom ou remplacez-le",
        "en": "a scenario named “{name}” is already saved: choose another name or replace it",
    },
    "whatif.problem.confusable_name": {
        "fr": f"ce nom ressemble trop à celui du scénario enregistré «{_NB}{{name}}{_NB}» "
        f"(seules la casse, la largeur des caractères ou les espaces diffèrent){_NB}: "
        "choisissez un autre nom ou remplacez-le",
        "en": "this name is too like that of the saved scenario “{name}” (only case, character "
        "width or spaces differ): choose another name or replace it",
    },
    "whatif.problem.changed_meanwhile": {
        "fr": f"«{_NB}{{name}}{_NB}» a été enregistré à nouveau entre-temps{_NB}; regardez-le "
        "avant de le remplacer ou de le supprimer",
        "en": "“{name}” was saved again in the meantime; look at it before replacing or "
        "deleting it",
    },
    "whatif.problem.damaged": {
        "fr": f"le scénario enregistré «{_NB}{{name}}{_NB}» est endommagé",
        "en": "the saved scenario “{name}” is damaged",
    },
    "whatif.problem.store_unavailable": {
        "fr": f"les scénarios enregistrés sont indisponibles{_NB}: {{reason}}",
        "en": "saved scenarios are unavailable: {reason}",
    },
    # --- why the saved scenarios are unavailable (data.store.REASONS) ------------------------
    "whatif.store.reason.locked": {
        "fr": "le fichier est occupé par un autre processus, réessayez dans un instant",
        "en": "the file is busy (locked by another process), try again in a moment",
    },
    "whatif.store.reason.read_only": {
        "fr": "le fichier est en lecture seule",
        "en": "the file is read-only",
    },
    "whatif.store.reason.permission": {
        "fr": "l’accès au fichier est refusé",
        "en": "access to the file is denied",
    },
    "whatif.store.reason.not_a_database": {
        "fr": "le fichier n’est pas une base de scénarios",
        "en": "the file is not a scenario database",
    },
    "whatif.store.reason.corrupt": {"fr": "le fichier est endommagé", "en": "the file is damaged"},
    "whatif.store.reason.disk_full": {"fr": "le disque est plein", "en": "the disk is full"},
    "whatif.store.reason.io_error": {
        "fr": "erreur de lecture ou d’écriture sur le disque",
        "en": "a disk read or write error",
    },
    "whatif.store.reason.cannot_open": {
        "fr": "le fichier ne peut pas être ouvert",
        "en": "the file cannot be opened",
    },
    "whatif.store.reason.not_a_directory": {
        "fr": "le dossier des données n’est pas un dossier",
        "en": "the data folder is not a folder",
    },
    "whatif.store.reason.newer_schema": {
        "fr": "le fichier a été écrit par une version plus récente du tableau de bord",
        "en": "the file was written by a newer version of the dashboard",
    },
    "whatif.store.reason.error": {
        "fr": "erreur inattendue de la base de données",
        "en": "an unexpected database error",
    },
    # --- the saved-scenarios section ----------------------------------------------------------
    "whatif.store.unavailable": {
        "fr": f"Les scénarios enregistrés sont indisponibles{_NB}: {{reason}}. L’éditeur, la "
        "comparaison, les fichiers et les liens fonctionnent toujours.",
        "en": "Saved scenarios are unavailable: {reason}. The editor, the comparison, files and "
        "links still work.",
    },
    "whatif.store.skipped": {
        "fr": f"{{n}} scénario(s) enregistré(s) illisible(s), non listé(s){_NB}: {{names}}",
        "en": "{n} saved scenario(s) cannot be read and are not listed: {names}",
    },
    "whatif.store.unnamed": {"fr": "(sans nom lisible)", "en": "(no readable name)"},
    "whatif.store.author": {
        "fr": "Votre nom (affiché avec ce que vous enregistrez)",
        "en": "Your name (shown with what you save)",
    },
    "whatif.store.author_help": {
        "fr": "Obligatoire pour enregistrer, remplacer ou supprimer un scénario partagé. "
        "Gardé pendant cette session.",
        "en": "Required to save, replace or delete a shared scenario. Kept for this session.",
    },
    "whatif.store.author_needed": {
        "fr": "Saisissez votre nom pour enregistrer, remplacer ou supprimer un scénario.",
        "en": "Type your name to save, replace or delete a scenario.",
    },
    "whatif.store.option": {
        "fr": "{name} — {n} domaine(s) modifié(s), par {by}, {updated}",
        "en": "{name} — {n} area(s) edited, by {by}, {updated}",
    },
    "whatif.store.last_saved": {
        "fr": f"Dernier enregistrement{_NB}: {{by}}, {{updated}}. Créé par {{created_by}}, "
        "{created}.",
        "en": "Last saved by {by}, {updated}. Created by {created_by}, {created}.",
    },
    "whatif.store.by_unknown": {"fr": "auteur non enregistré", "en": "author not recorded"},
    "whatif.store.when": {"fr": "{date} à {time} UTC", "en": "{date}, {time} UTC"},
    "whatif.store.confirm_overwrite": {
        "fr": f"«{_NB}{{name}}{_NB}» est déjà enregistré (dernier enregistrement{_NB}: {{by}}, "
        f"{{updated}}). Le remplacer pour tout le monde{_NB}? C’est définitif.",
        "en": "“{name}” is already saved (last saved by {by}, {updated}). Replace it for "
        "everyone? This cannot be undone.",
    },
    "whatif.store.confirm_overwrite_unread": {
        "fr": f"«{_NB}{{name}}{_NB}» est déjà enregistré. Le remplacer pour tout le monde{_NB}? "
        "C’est définitif.",
        "en": "“{name}” is already saved. Replace it for everyone? This cannot be undone.",
    },
    "whatif.store.overwrite_yes": {
        "fr": f"Confirmer le remplacement de «{_NB}{{name}}{_NB}»",
        "en": "Confirm overwrite “{name}”",
    },
    "whatif.store.delete_yes": {
        "fr": f"Confirmer la suppression de «{_NB}{{name}}{_NB}»",
        "en": "Confirm delete “{name}”",
    },
    "whatif.store.replaced": {
        "fr": f"Scénario «{_NB}{{name}}{_NB}» remplacé.",
        "en": "Scenario “{name}” replaced.",
    },
}
