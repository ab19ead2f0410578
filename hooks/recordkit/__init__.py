"""Plain modules that turn a meeting record (docs/ + data/) into site pages.

Nothing in this package imports MkDocs: `hooks/events.py` adapts it to MkDocs'
events, so the logic can be tested alone and outlive the tool.
"""
