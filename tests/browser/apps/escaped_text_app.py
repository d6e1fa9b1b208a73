"""Untrusted payloads through ``components.safe_text.plain`` into every Markdown renderer."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from components.safe_text import plain

PAYLOADS = json.loads(Path(__file__).with_name("markdown_payloads.json").read_text("utf-8"))

for number, payload in enumerate(PAYLOADS):
    text = plain(payload)
    with st.container(key=f"case-{number}"):
        st.markdown(text)
        st.caption(text)
        st.error(f"Refused: {text}")
        st.success(f"Loaded: {text}")
        st.button(text, key=f"button-{number}")
