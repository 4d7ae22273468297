"""The demo content as Python data: one module per kind of content, written in
Finnish, Swedish and English from the facts in the seed texts."""
