"""A paginator for pages read from the database with a fixed number of queries."""

from django.core.paginator import Paginator


class DatabasePaginator(Paginator):
    """Django's Paginator, except that a page always reads its rows with one query (LIMIT /
    OFFSET), even when the count says there are none: so a page makes the same number of
    queries whatever the number of rows (the query pins count them). No orphans."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(list(self.object_list[bottom : bottom + self.per_page]), number, self)
