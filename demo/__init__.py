"""Demo landing data for Heinola (111), generated from the city's published reports."""
