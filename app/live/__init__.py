"""Live sessions: every laptop in the room on one map (a pycrdt shared document per map)."""
