"""Reports: the figures behind the per-ISP, sector and self-assessment notebooks, and the batch runner."""
