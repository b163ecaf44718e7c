"""Files for the transfer agent: the DWAC issuance instructions as CSV and as XLSX."""
