"""mgdesk: an offline reference on magnesium for people with fibromyalgia."""

__version__ = "0.1.0"
