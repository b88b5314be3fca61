// Shelf → Tables → Add/Edit: the comparison-table builder (coming in this branch).
