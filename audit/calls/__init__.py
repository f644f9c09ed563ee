"""Scripted mystery calls: scenarios as data, shopper sheets, validated outcomes, scoring, calibration."""
