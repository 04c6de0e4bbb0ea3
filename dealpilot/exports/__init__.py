"""Everything a user may see, taken out as one ZIP: a deal document per deal, and CSV tables of
the deals, accounts and contacts (from the deal list, and `dealpilot export`)."""
