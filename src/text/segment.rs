//! Segmentation (todo)
