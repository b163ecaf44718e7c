"""The documents of a closing as pure data: the agreement, letters, memo."""
