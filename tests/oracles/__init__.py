"""The plain forms the fast paths must equal: each the straightforward code a faster one replaced."""
