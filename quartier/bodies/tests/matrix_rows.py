from quartier.bodies.tests import matrix_rows_edit, matrix_rows_public


def cases(world):
    return {**matrix_rows_public.cases(world), **matrix_rows_edit.cases(world)}
