"""One normaliser per concept, used on both sides of every comparison."""
