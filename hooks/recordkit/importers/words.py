"""Words both importers read in UN records (dates are written "8 September 2022")."""

from __future__ import annotations

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
