"""Callbacks: reading call logs, matching calls to requests, and timing them honestly."""
