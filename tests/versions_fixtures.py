"""Small updates for the tests of ``data.versions``: funding reports and DTM rounds read from
CSV bytes by the real intake, and stored versions built around their payloads."""

from __future__ import annotations

import datetime as dt
import hashlib

from data.intake import DtmRound, FundingUpdate, parse_dtm_round, parse_funding_update, read_upload
from data.plan import PlanData
from data.store import Version, VersionInfo
from data.versions import dtm_payload, funding_payload

MARCH = dt.date(2024, 3, 31)
JUNE = dt.date(2024, 6, 30)
JULY = dt.date(2024, 7, 31)
UPLOADED = dt.datetime(2024, 7, 1, 9, 30, tzinfo=dt.UTC)

# March: protection 167,256 -> 400,000; MHPSS (not reported in the plan) -> 50,000.
MARCH_CSV = "Domaine;Montant;Date\nProtection;400 000;31/03/2024\nSMSPS;50 000;31/03/2024\n"
# June, one row per donor contribution: shelter 451,968 -> 600,000 (paid + committed),
# protection 400,000 paid (as in March) and 80,000 pledged.
JUNE_DONORS_CSV = (
    "Domaine,Bailleur,Statut,Montant,Date\n"
    "Abris,Bailleur A,payé,450 000,2024-05-15\n"
    "Abris,Bailleur B,engagé,150 000,2024-06-30\n"
    "Protection,Bailleur A,payé,400 000,2024-04-10\n"
    "Protection,Bailleur C,promis,80 000,2024-06-02\n"
)
# July: objective 2's confirmed total 366,282 -> 455,000 (its areas unchanged).
JULY_CSV = "Objective,Confirmed,Date\nObjectif 2,455000,2024-07-31\n"

# Round A: counts per region with the national total of the plan (391,961, DTM September
# 2023); the counts are invented for the test. Round B: another total, through an "Autres
# régions" row, with Ségou left empty (not reported) and Kidal new.
ROUND_A = {
    "Mopti": 91_274,
    "Tombouctou": 62_120,
    "Bandiagara": 54_603,
    "Ménaka": 47_910,
    "Gao": 35_408,
    "Ségou": 34_862,
}
ROUND_A_TOTAL = 391_961
ROUND_B = {
    "Mopti": 95_000,
    "Tombouctou": 60_000,
    "Bandiagara": 58_500,
    "Ménaka": 49_000,
    "Gao": 36_000,
    "Ségou": None,
    "Kidal": 12_000,
}
ROUND_B_OTHER = 91_667
ROUND_B_TOTAL = 402_167  # 95,000 + 60,000 + 58,500 + 49,000 + 36,000 + 12,000 + 91,667


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def funding_update(plan: PlanData, text: str, name: str = "financement.csv") -> FundingUpdate:
    return parse_funding_update(read_upload(text.encode("utf-8"), name), plan)


def round_a() -> DtmRound:
    lines = ["Région;PDI;Date de collecte;Round"]
    lines += [f"{region};{count};30/04/2023;14" for region, count in ROUND_A.items()]
    lines.append(f"Total national;{ROUND_A_TOTAL:,};30/04/2023;14".replace(",", "\u00a0"))
    return parse_dtm_round(read_upload("\n".join(lines).encode("utf-8"), "dtm_r14.csv"))


def round_b() -> DtmRound:
    lines = ["Region,IDPs,Date"]
    lines += [f"{region},{'' if n is None else n},2023-12-31" for region, n in ROUND_B.items()]
    lines.append(f"Autres régions,{ROUND_B_OTHER},2023-12-31")
    text = "\n".join(lines) + "\n"
    return parse_dtm_round(read_upload(text.encode("utf-8"), "dtm_r15.csv"), round_number=15)


def version(
    number: int,
    kind: str,
    payload: str,
    as_of: dt.date,
    *,
    withdrawn: bool = False,
    round_number: int | None = None,
    source: str = "rapport.xlsx",
) -> Version:
    """A stored version as :meth:`data.store.VersionStore.get` returns it."""
    info = VersionInfo(
        id=number,
        kind=kind,
        as_of=as_of,
        source=source,
        note="",
        uploaded_at=UPLOADED,
        uploaded_by="Awa",
        checksum=sha(payload),
        size=len(payload.encode("utf-8")),
        round_number=round_number,
        withdrawn_at=UPLOADED if withdrawn else None,
        withdrawn_by="Awa" if withdrawn else None,
        withdraw_reason="" if withdrawn else None,
    )
    return Version(info, payload)


def funding_version(number: int, update: FundingUpdate, *, withdrawn: bool = False) -> Version:
    return version(number, "funding", funding_payload(update), update.as_of, withdrawn=withdrawn)


def dtm_version(number: int, dtm_round: DtmRound, *, withdrawn: bool = False) -> Version:
    return version(
        number,
        "dtm",
        dtm_payload(dtm_round),
        dtm_round.as_of,
        withdrawn=withdrawn,
        round_number=dtm_round.round_number,
    )
