"""Stand-in for the `mmpose` names the official Lite-HRNet backbone imports (see ../README.md)."""
