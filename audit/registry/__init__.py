"""The ISP registry: importing and validating lists of ISPs, and sampling them for a sector study."""
