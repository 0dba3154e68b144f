"""The Dosage tab: intake and upper limit by age, and the converter."""
