"""Write the example update files of ``data/examples/`` (illustrative figures, not DTM data).

Run from the repository root: ``.venv/bin/python -m data.examples.build_examples``. The files
show an officer what the Update data page reads (``docs/update-formats.md``); the tests load
them with exact figures (``tests/test_intake_examples.py``).

- ``dtm_round_example.csv``: a DTM round as French Excel writes it: ``;``-separated,
  Windows-1252, French headers, ``91 274`` numbers, a ``Total national`` row.
- ``dtm_round_example.xlsx``: a later round in English, with an ``Other regions`` row, date
  cells and a second sheet of notes.
- ``funding_update_example.csv``: confirmed and pledged amounts per area (UTF-8 with a BOM,
  ``,``-separated), one objective total, a stated total.
- ``funding_donors_example.xlsx``: one row per donor contribution with its status.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook

EXAMPLES = Path(__file__).parent
FIXED_TIME = dt.datetime(2024, 4, 2, 9, 0, 0)

DTM_CSV = """Région;PDI (individus);Date de collecte;Round
Mopti;91 274;30/04/2023;14
Tombouctou;62 120;30/04/2023;14
Bandiagara;54 603;30/04/2023;14
Ménaka;47 910;30/04/2023;14
Gao;35 408;30/04/2023;14
Ségou;34 862;30/04/2023;14
Total national;391 961;30/04/2023;14
"""

DTM_XLSX_ROWS: list[tuple[object, ...]] = [
    ("Region", "IDPs", "As of", "Round"),
    ("Mopti", 89530, dt.date(2023, 9, 30), 15),
    ("Timbuktu", 63004, dt.date(2023, 9, 30), 15),
    ("Bandiagara", 55211, dt.date(2023, 9, 30), 15),
    ("Menaka", 48377, dt.date(2023, 9, 30), 15),
    ("Gao", 36020, dt.date(2023, 9, 30), 15),
    ("Segou", 35195, dt.date(2023, 9, 30), 15),
    ("Other regions", 64354, dt.date(2023, 9, 30), 15),
]

FUNDING_CSV = """Domaine,Objectif,Confirmé (USD),Promis (USD),Date du rapport
Abris,,"$612,450",,2024-03-31
cccm,,403 415,,2024-03-31
Protection,,215000,50 000,2024-03-31
SMSPS,,US$ 120 000,,2024-03-31
"Eau, assainissement et hygiène dans les situations d’urgence",,273706,,2024-03-31
Besoins essentiels,,,,2024-03-31
Suivi des déplacements (DTM),,98 500,,2024-03-31
,Objectif 2,455 000,,2024-03-31
Total,,2 700 000,,2024-03-31
"""

DONOR_ROWS: list[tuple[object, ...]] = [
    ("Domaine", "Bailleur", "Montant (USD)", "Statut", "Date"),
    ("Abris", "Bailleur A", 250000, "payé", dt.date(2024, 1, 15)),
    ("Abris", "Bailleur B", 200000, "engagé", dt.date(2024, 2, 20)),
    ("Abris", "Bailleur C", 150000, "promis", dt.date(2024, 3, 5)),
    ("CCCM", "Bailleur D", 403415, "payé", dt.date(2023, 12, 1)),
    ("Protection", "Bailleur A", 167256, "payé", dt.date(2024, 1, 15)),
    ("SMSPS", "Bailleur E", 80000, "promis", dt.date(2024, 3, 28)),
    ("Suivi des déplacements", "Bailleur B", 14980, "payé", dt.date(2023, 11, 30)),
    ("Suivi des déplacements", "Bailleur D", 60000, "engagé", dt.date(2024, 3, 29)),
]


def _workbook(sheets: dict[str, list[tuple[object, ...]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build(folder: Path = EXAMPLES) -> list[Path]:
    """Write the four example files into ``folder``; returns their paths."""
    notes: list[tuple[object, ...]] = [
        ("Illustrative figures for the dashboard's Update data page, not DTM data.",),
        ("The national total is named regions + the 'Other regions' row.",),
    ]
    files = {
        "dtm_round_example.csv": DTM_CSV.encode("cp1252"),
        "dtm_round_example.xlsx": _workbook({"Round 15": DTM_XLSX_ROWS, "Notes": notes}),
        "funding_update_example.csv": FUNDING_CSV.encode("utf-8-sig"),
        "funding_donors_example.xlsx": _workbook({"Contributions": DONOR_ROWS}),
    }
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content.replace(b"\n", b"\r\n") if name.endswith(".csv") else content)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in build():
        print(written)
