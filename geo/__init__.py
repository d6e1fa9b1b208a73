"""Pure geography layer: Mali's regions, boundary files and the joins onto them.

Never imports streamlit; everything here is testable with plain pytest.
"""
