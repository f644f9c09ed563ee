"""ISP Support Audit Kit: mystery-shopper audits of internet providers' support and sales lines."""

__version__ = "0.1.0"
