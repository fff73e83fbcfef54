from quartier.cycle.tests import matrix_rows_invite, matrix_rows_minutes, matrix_rows_replies


def cases(world):
    return {
        **matrix_rows_invite.cases(world),
        **matrix_rows_replies.cases(world),
        **matrix_rows_minutes.cases(world),
    }
