namespace MicroShop.Products.Domain;

// One page of the catalog, optionally narrowed to a category and to active or inactive products.
public sealed record ProductQuery(string? Category, bool? IsActive, int Page, int PageSize)
{
    public const int DefaultPage = 1;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Widened: a far page times the page size overflows an int.
    public long Skip => (Page - 1L) * PageSize;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (Page < 1)
        {
            errors.Add(new("page", "A page number is 1 or more."));
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new("page_size", $"A page size is between 1 and {MaxPageSize}."));
        }

        return errors;
    }
}
