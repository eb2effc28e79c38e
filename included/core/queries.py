from django.db.models import F, Func, IntegerField, Subquery


def count_of(queryset):
    """The number of rows in `queryset`, as an expression another query can select or annotate with.

    Used with `OuterRef`, it counts per row, for only the rows a page shows; a `Count` annotation instead joins and
    groups every row of the list before any is cut off.
    """
    counted = queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows")
    return Subquery(counted, output_field=IntegerField())
