namespace MicroShop.Gateway.Problems;

public static class ProblemDetailsServiceExtensions
{
    // What every exception handler of the Gateway ends with: the problem's status on the response, then its body.
    public static async ValueTask<bool> TryWriteProblemAsync(
        this IProblemDetailsService problemDetails, HttpContext httpContext, ProblemDetails problem, Exception exception)
    {
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
