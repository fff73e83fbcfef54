def cases(world):
    return {}
