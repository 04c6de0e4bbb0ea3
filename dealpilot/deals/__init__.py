"""Accounts, contacts, opportunities and everything known about them."""
