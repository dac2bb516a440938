"""Assembling the site from what was read: items, pages, addresses, lists."""
