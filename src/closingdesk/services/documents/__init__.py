"""Documents: drafting agreements, the prospectus, approvals, notices."""
