"""The ISP self-assessment: the checklist as data, its XLSX template, scoring and gaps."""
