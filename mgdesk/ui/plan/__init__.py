"""The My plan tab: products, their total against the upper limit, forms and the timetable."""
