"""Interface text for input problems (geo), merged into :data:`components.i18n.LABELS`.

Two families, both filled from what :mod:`geo.boundaries` and :mod:`geo.readers` return:

``geo.note.<code>``
    One per ``(code, params)`` pair of ``gdf.attrs["notes"]`` (what was done to a boundary
    file: reprojection, repairs, dissolving...): ``t(f"geo.note.{code}", lang, **params)``.
``geo.error.<code>``
    One per :class:`geo.boundaries.BoundaryFileError` code (``boundary.too_large``...):
    ``t(f"geo.error.{err.code}", lang, **err.params)``. Every error has a ``file`` param.

Parameter values come from the uploaded file: escape them (``components.safe_text.plain``)
before filling a template rendered as Markdown.
"""

from __future__ import annotations

_NB = "\u00a0"  # no-break space, before French high punctuation

_NOTES: dict[str, dict[str, str]] = {
    "assumed_wgs84": {
        "fr": "Aucun système de coordonnées déclaré : coordonnées lues en longitude/latitude "
        "(WGS84).",
        "en": "No coordinate reference system declared: coordinates read as "
        "longitude/latitude (WGS84).",
    },
    "reprojected": {
        "fr": "Reprojeté de {crs} en longitude/latitude (EPSG:4326).",
        "en": "Reprojected from {crs} to longitude/latitude (EPSG:4326).",
    },
    "repaired": {
        "fr": "{n} polygone(s) invalide(s) (auto-intersection…) réparé(s) automatiquement.",
        "en": "{n} invalid polygon(s) (self-intersection…) repaired automatically.",
    },
    "dissolved": {
        "fr": "{n} unités d’admin-{level} regroupées en {units} unités d’admin-1.",
        "en": "{n} admin-{level} units dissolved into {units} admin-1 units.",
    },
    "chose_layer": {
        "fr": "Le fichier contient {count} couches : la couche {layer} a été utilisée.",
        "en": "The file holds {count} layers: layer {layer} was used.",
    },
    "decoded_latin1": {
        "fr": "Textes du shapefile lus en Latin-1 (pas de fichier .cpg, pas de l’UTF-8) : "
        "vérifiez les accents.",
        "en": "Shapefile text read as Latin-1 (no .cpg file, not UTF-8): check the accents.",
    },
}

_ACCEPTED_FR = "un GeoJSON (FeatureCollection), un shapefile zippé ou un GeoPackage"
_ACCEPTED_EN = "a GeoJSON (FeatureCollection), a zipped shapefile or a GeoPackage"

_ERRORS: dict[str, dict[str, str]] = {
    # --- the file as a whole ----------------------------------------------------------
    "invalid": {
        "fr": "{file} : ce fichier de limites n’est pas utilisable.",
        "en": "{file}: this boundary file cannot be used.",
    },
    "not_found": {"fr": "{file} : fichier introuvable.", "en": "{file}: file not found."},
    "not_binary": {
        "fr": "{file} : contenu binaire attendu, texte reçu.",
        "en": "{file}: binary content expected, got text.",
    },
    "too_large": {
        "fr": "{file} : le fichier pèse {size_mb} Mo ; la limite est de {max_mb} Mo.",
        "en": "{file}: the file is {size_mb} MB; the limit is {max_mb} MB.",
    },
    "empty": {"fr": "{file} : le fichier est vide.", "en": "{file}: the file is empty."},
    "unsupported_format": {
        "fr": f"{{file}} : format non pris en charge ; envoyez {_ACCEPTED_FR}.",
        "en": f"{{file}}: unsupported format; upload {_ACCEPTED_EN}.",
    },
    "not_geopackage": {
        "fr": f"{{file}} : base SQLite qui n’est pas un GeoPackage ; envoyez {_ACCEPTED_FR}.",
        "en": f"{{file}}: an SQLite database that is not a GeoPackage; upload {_ACCEPTED_EN}.",
    },
    "too_complex": {
        "fr": "{file} : fichier trop gros ou trop complexe pour être lu.",
        "en": "{file}: the file is too large or too complex to read.",
    },
    "unreadable": {
        "fr": "{file} : le fichier n’a pas pu être lu.",
        "en": "{file}: the file could not be read.",
    },
    "too_many_features": {
        "fr": "{file} : plus de {max} entités ; envoyez un fichier plus petit.",
        "en": "{file}: more than {max} features; upload a smaller file.",
    },
    "too_many_coordinates": {
        "fr": "{file} : plus de {max} coordonnées ; simplifiez les limites.",
        "en": "{file}: more than {max} coordinates; simplify the boundaries.",
    },
    "too_many_fields": {
        "fr": "{file} : plus de {max} champs.",
        "en": "{file}: more than {max} fields.",
    },
    "reserved_field": {
        "fr": "{file} : un attribut s’appelle « geometry », nom réservé.",
        "en": "{file}: an attribute is named 'geometry', which is reserved.",
    },
    # --- GeoJSON --------------------------------------------------------------------------
    "not_utf8": {
        "fr": "{file} : ce GeoJSON n’est pas du texte UTF-8.",
        "en": "{file}: this GeoJSON is not UTF-8 text.",
    },
    "invalid_json": {
        "fr": "{file} : JSON invalide à la ligne {line}, colonne {column}.",
        "en": "{file}: invalid JSON at line {line}, column {column}.",
    },
    "json_constant": {
        "fr": "{file} : le JSON contient {token}, qui n’est pas un nombre.",
        "en": "{file}: the JSON holds {token}, which is not a number.",
    },
    "too_deep": {
        "fr": "{file} : JSON imbriqué sur plus de {max} niveaux.",
        "en": "{file}: JSON nested more than {max} levels deep.",
    },
    "not_feature_collection": {
        "fr": "{file} : pas une FeatureCollection GeoJSON (type {type}).",
        "en": "{file}: not a GeoJSON FeatureCollection (type {type}).",
    },
    "bad_features": {
        "fr": "{file} : « features » n’est pas une liste d’entités.",
        "en": "{file}: 'features' is not a list of features.",
    },
    "bad_feature": {
        "fr": "{file} : l’entité {feature} n’est pas une Feature GeoJSON.",
        "en": "{file}: feature {feature} is not a GeoJSON Feature.",
    },
    "crs_refused": {
        "fr": "{file} : système de coordonnées {crs} refusé ; un GeoJSON doit être en "
        "longitude/latitude (WGS84) : retirez le membre « crs » ou reprojetez.",
        "en": "{file}: coordinate reference system {crs} refused; a GeoJSON must be in "
        "longitude/latitude (WGS84): remove the 'crs' member or reproject.",
    },
    "bad_geometry": {
        "fr": "{file} : l’entité {feature} a une géométrie {type} invalide.",
        "en": "{file}: feature {feature} has an invalid {type} geometry.",
    },
    "bad_coordinate": {
        "fr": "{file} : l’entité {feature} a une coordonnée qui n’est pas un nombre.",
        "en": "{file}: feature {feature} has a coordinate that is not a number.",
    },
    "not_finite": {
        "fr": "{file} : l’entité {feature} a une coordonnée non finie (NaN ou infinie).",
        "en": "{file}: feature {feature} has a coordinate that is not finite (NaN or infinite).",
    },
    "out_of_range": {
        "fr": "{file} : l’entité {feature} a une coordonnée hors des longitudes/latitudes "
        "possibles.",
        "en": "{file}: feature {feature} has a coordinate outside possible longitudes/latitudes.",
    },
    # --- zipped shapefile -----------------------------------------------------------------
    "zip_unreadable": {
        "fr": "{file} : archive zip illisible.",
        "en": "{file}: the zip archive cannot be read.",
    },
    "zip_too_many_members": {
        "fr": "{file} : l’archive zip contient plus de {max} fichiers.",
        "en": "{file}: the zip archive holds more than {max} files.",
    },
    "zip_unsafe_path": {
        "fr": "{file} : l’archive zip contient un chemin dangereux ({member}).",
        "en": "{file}: the zip archive holds an unsafe path ({member}).",
    },
    "zip_encrypted": {
        "fr": "{file} : l’archive zip est chiffrée.",
        "en": "{file}: the zip archive is encrypted.",
    },
    "zip_symlink": {
        "fr": "{file} : l’archive zip contient un lien symbolique ({member}).",
        "en": "{file}: the zip archive holds a symbolic link ({member}).",
    },
    "zip_too_large": {
        "fr": "{file} : l’archive zip se décompresse au-delà de {max_mb} Mo ou est "
        "anormalement compressée.",
        "en": "{file}: the zip archive unpacks to more than {max_mb} MB or is abnormally "
        "compressed.",
    },
    "no_shapefile": {
        "fr": f"{{file}} : archive zip sans shapefile (.shp) ; envoyez {_ACCEPTED_FR}.",
        "en": f"{{file}}: a zip archive without a shapefile (.shp); upload {_ACCEPTED_EN}.",
    },
    "ambiguous_layers": {
        "fr": "{file} : {count} couches ({layers}) et aucune n’est clairement l’admin-1 ; "
        "envoyez une seule couche.",
        "en": "{file}: {count} layers ({layers}) and none is clearly admin-1; upload one layer.",
    },
    "missing_part": {
        "fr": "{file} : il manque le fichier {part} du shapefile.",
        "en": "{file}: the shapefile's {part} file is missing.",
    },
    "bad_encoding": {
        "fr": "{file} : encodage {encoding} refusé (.cpg) ; acceptés : UTF-8, ISO-8859-1, "
        "Windows-1252.",
        "en": "{file}: encoding {encoding} refused (.cpg); accepted: UTF-8, ISO-8859-1, "
        "Windows-1252.",
    },
    "bad_shapefile": {
        "fr": "{file} : shapefile illisible ou incohérent (.shp/.dbf).",
        "en": "{file}: the shapefile is unreadable or inconsistent (.shp/.dbf).",
    },
    "bad_crs": {
        "fr": "{file} : la définition du système de coordonnées ({where}) n’est pas un WKT "
        "utilisable.",
        "en": "{file}: the coordinate reference system definition ({where}) is not usable WKT.",
    },
    # --- GeoPackage -----------------------------------------------------------------------
    "bad_geopackage": {
        "fr": "{file} : GeoPackage illisible.",
        "en": "{file}: the GeoPackage cannot be read.",
    },
    "no_feature_table": {
        "fr": "{file} : GeoPackage sans table d’entités.",
        "en": "{file}: a GeoPackage without a features table.",
    },
    "view_refused": {
        "fr": "{file} : la couche {layer} n’est pas une table simple (vue ou table virtuelle) ; "
        "exportez-la en table.",
        "en": "{file}: layer {layer} is not a plain table (a view or virtual table); export "
        "it as a table.",
    },
    "bad_wkb": {
        "fr": "{file} : la géométrie de l’entité {feature} est illisible.",
        "en": "{file}: the geometry of feature {feature} cannot be read.",
    },
    # --- content checks (geo.boundaries) ------------------------------------------------
    "no_features": {
        "fr": "{file} : le fichier ne contient aucune entité.",
        "en": "{file}: the file holds no features.",
    },
    "not_lonlat": {
        "fr": "{file} : coordonnées hors longitude/latitude ; le système de coordonnées "
        "est-il bien déclaré ?",
        "en": "{file}: coordinates are not longitude/latitude; is the coordinate reference "
        "system declared?",
    },
    "reprojection_failed": {
        "fr": "{file} : reprojection impossible depuis {crs}.",
        "en": "{file}: could not reproject from {crs}.",
    },
    "missing_fields": {
        "fr": "{file} : champ(s) requis manquant(s) {missing} pour un fichier {kind} ; "
        "champs trouvés : {found}.",
        "en": "{file}: missing required field(s) {missing} for a {kind} file; fields found: "
        "{found}.",
    },
    "no_known_fields": {
        "fr": "{file} : champs requis absents (pcode + name_fr, ou ADM1_PCODE + ADM1_FR, "
        "ou ADM2_PCODE/ADM3_PCODE + ADM1_PCODE + ADM1_FR) ; champs trouvés : {found}.",
        "en": "{file}: required fields missing (pcode + name_fr, or ADM1_PCODE + ADM1_FR, or "
        "ADM2_PCODE/ADM3_PCODE + ADM1_PCODE + ADM1_FR); fields found: {found}.",
    },
    "no_geometry": {
        "fr": "{file} : l’entité {feature} ({pcode}) n’a pas de géométrie.",
        "en": "{file}: feature {feature} ({pcode}) has no geometry.",
    },
    "not_polygon": {
        "fr": "{file} : l’entité {feature} ({pcode}) est de type {type} ; les limites doivent "
        "être des polygones.",
        "en": "{file}: feature {feature} ({pcode}) is a {type}; boundaries must be polygons.",
    },
    "unrepairable": {
        "fr": "{file} : le polygone de l’entité {feature} ({pcode}) est invalide et irréparable.",
        "en": "{file}: the polygon of feature {feature} ({pcode}) is invalid and cannot be "
        "repaired.",
    },
    "empty_field": {
        "fr": "{file} : le champ {field} est vide pour les entités {features}.",
        "en": "{file}: field {field} is empty in features {features}.",
    },
    "duplicate_pcode": {
        "fr": "{file} : p-code {pcode} en double (entités {features}).",
        "en": "{file}: duplicate p-code {pcode} (features {features}).",
    },
    "names_disagree": {
        "fr": "{file} : les unités de {pcode} n’ont pas le même {field}.",
        "en": "{file}: the units of {pcode} disagree on {field}.",
    },
    "unknown_region": {
        "fr": "{file} : unité {unit} : région inconnue {name} (noms proches : {suggestions}).",
        "en": "{file}: unit {unit}: unknown region {name} (closest names: {suggestions}).",
    },
    "pcode_mismatch": {
        "fr": "{file} : l’unité {unit} s’appelle {name}, dont le p-code de référence est "
        "{reference}.",
        "en": "{file}: unit {unit} is named {name}, whose reference p-code is {reference}.",
    },
    "pcode_taken": {
        "fr": "{file} : l’unité {unit} s’appelle {name}, mais ce p-code est celui de {owner}.",
        "en": "{file}: unit {unit} is named {name}, but that p-code is {owner}'s.",
    },
    "region_id_mismatch": {
        "fr": "{file} : unité {unit} : region_id {region_id} ne correspond pas au nom {name}.",
        "en": "{file}: unit {unit}: region_id {region_id} does not match the name {name}.",
    },
    "same_region": {
        "fr": "{file} : les unités {units} désignent toutes la région {region}.",
        "en": "{file}: units {units} all name region {region}.",
    },
    "outside_mali": {
        "fr": "{file} : des entités sortent du Mali (emprise {bounds}) ; le système de "
        "coordonnées est-il le bon ?",
        "en": "{file}: features extend beyond Mali (bounds {bounds}); is the coordinate "
        "reference system right?",
    },
}


def _french(text: str) -> str:
    """No-break spaces before ``:;?!`` and inside « » (written with plain spaces above)."""
    for mark in ":;?!»":
        text = text.replace(f" {mark}", f"{_NB}{mark}")
    return text.replace("« ", f"«{_NB}")


LABELS: dict[str, dict[str, str]] = {
    **{
        f"geo.note.{code}": {"fr": _french(text["fr"]), "en": text["en"]}
        for code, text in _NOTES.items()
    },
    **{
        f"geo.error.boundary.{code}": {
            "fr": _french(text["fr"]),
            "en": text["en"],
        }
        for code, text in _ERRORS.items()
    },
}
"""``geo.note.<code>`` and ``geo.error.boundary.<code>`` templates, French and English."""
