"""Benchmarks: measure and print; never asserted in unit tests.

Targets (a laptop with a poor or no connection; the app runs offline):
- pure layer: loading, validating and deriving every figure < 0.5 s;
- each chart builder < 0.3 s; the whole Overview page (AppTest, warm cache) < 2 s.

Run: ``make bench`` (or ``.venv/bin/python scripts/bench.py``).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from components.charts import Stamp, area_funding_bars, coverage_donuts_grid  # noqa: E402
from components.maps import idp_choropleth, idp_deck  # noqa: E402
from data.displacement import load_dtm  # noqa: E402
from data.plan import compute_funding, load_plan  # noqa: E402
from geo.boundaries import load_boundaries  # noqa: E402
from geo.join import join_regional_values  # noqa: E402

TARGETS = {
    "load_plan + compute_funding": 0.5,
    "load_dtm": 0.5,
    "load_boundaries": 0.5,
    "join_regional_values": 0.3,
    "area_funding_bars": 0.3,
    "coverage_donuts_grid": 0.3,
    "idp_choropleth": 0.3,
    "idp_deck": 0.3,
    "AppTest overview (warm)": 2.0,
}


def measure(name: str, action: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    target = TARGETS[name]
    verdict = "ok" if median <= target else "SLOW"
    print(f"{name:32s} median {median * 1000:8.1f} ms  (target {target * 1000:.0f} ms)  {verdict}")
    return median


def main() -> int:
    plan = load_plan()
    funding = compute_funding(plan)
    dtm = load_dtm()
    boundaries = load_boundaries()
    joined = join_regional_values(boundaries, dtm.regions, ["idps_estimate", "share"])
    stamp: Stamp = {"lang": "fr", "source": "OIM", "as_of": "27 nov. 2023"}
    measure("load_plan + compute_funding", lambda: compute_funding(load_plan()))
    measure("load_dtm", load_dtm)
    measure("load_boundaries", load_boundaries)
    measure(
        "join_regional_values",
        lambda: join_regional_values(boundaries, dtm.regions, ["idps_estimate", "share"]),
    )
    measure(
        "area_funding_bars",
        lambda: area_funding_bars(funding.areas, funding.objectives, **stamp),
    )
    measure("coverage_donuts_grid", lambda: coverage_donuts_grid(funding.areas, **stamp))
    measure("idp_choropleth", lambda: idp_choropleth(joined.gdf, title="PDI", **stamp))
    measure("idp_deck", lambda: idp_deck(joined.gdf, lang="fr"))

    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.run()  # cold: fills the caches
    if app.exception:
        print(f"AppTest overview raised: {app.exception[0].value}")
        return 1
    measure("AppTest overview (warm)", app.run, repeat=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
