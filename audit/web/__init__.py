"""The web audit: the browser, finding and filling lead forms, submitting once, keeping evidence."""
