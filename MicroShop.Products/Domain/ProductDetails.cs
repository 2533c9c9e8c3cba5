namespace MicroShop.Products.Domain;

// What a client writes when it creates or replaces a product, and the rules it must follow.
// A null price means the client sent none.
public sealed record ProductDetails(
    string Name,
    string Description,
    decimal? Price,
    int Quantity,
    string Category,
    bool IsActive)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2_000;
    public const int MaxCategoryLength = 100;
    public const decimal MaxPrice = 1_000_000m;
    public const int PriceDecimals = 2;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("name", "A name is required."));
        }
        else if (Name.Length > MaxNameLength)
        {
            errors.Add(new("name", $"A name has at most {MaxNameLength} characters."));
        }

        if (Description.Length > MaxDescriptionLength)
        {
            errors.Add(new("description", $"A description has at most {MaxDescriptionLength} characters."));
        }

        if (Price is not { } price)
        {
            errors.Add(new("price", "A price is required."));
        }
        else if (price < 0 || price > MaxPrice)
        {
            errors.Add(new("price", $"A price is between 0 and {MaxPrice:N0}."));
        }
        else if (decimal.Round(price, PriceDecimals) != price)
        {
            errors.Add(new("price", $"A price has at most {PriceDecimals} decimal places."));
        }

        if (Quantity < 0)
        {
            errors.Add(new("quantity", "A quantity is 0 or more."));
        }

        if (string.IsNullOrWhiteSpace(Category))
        {
            errors.Add(new("category", "A category is required."));
        }
        else if (Category.Length > MaxCategoryLength)
        {
            errors.Add(new("category", $"A category has at most {MaxCategoryLength} characters."));
        }

        return errors;
    }

    // Only valid details become a product, so Price is known here.
    public Product ToProduct(string id, long version) =>
        new(id, Name, Description, Price ?? throw new InvalidOperationException("The price has not been validated."),
            Quantity, Category, IsActive, version);
}
