using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Contest.Admin.Areas.Admin.Pages;

public static class FormState
{
    /// <summary>
    /// Forgets checkbox values that were not true/false and adds <paramref name="message"/> once for them. The
    /// checkbox tag helper re-reads a posted value as a bool and throws on anything else, so without this a
    /// hand-made request turns the form page into a server error; the page shows the model's value instead.
    /// </summary>
    public static void ForgetUnreadableCheckboxes(this ModelStateDictionary state, string message, params string[] keys)
    {
        var any = false;
        foreach (var key in keys)
        {
            if (state.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                state.Remove(key);
                any = true;
            }
        }
        if (any) state.AddModelError("", message);
    }
}
