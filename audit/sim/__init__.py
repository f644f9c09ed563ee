"""Synthetic ISPs for the demo and tests: a fictional sector, its sites and its call centre."""
