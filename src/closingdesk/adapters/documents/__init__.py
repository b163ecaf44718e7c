"""Documents typeset for people: agreements and warrants as PDF (reportlab) and Word (docxtpl)."""
