"""Pure geography layer: Mali's regions, boundary files and the joins onto them.

Never imports streamlit; everything here is testable with plain pytest. Boundary files are
parsed by :mod:`geo.readers` (never by GDAL at run time; only the offline
:mod:`geo.build_boundaries` script uses pyogrio). PROJ's network access (grid downloads
from a CRS definition) is switched off here, on import, for the whole process.
"""

import pyproj.network

pyproj.network.set_network_enabled(False)
