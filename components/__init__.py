"""Shared presentation layer: translation table, number formats, theme and plotly figure builders."""
