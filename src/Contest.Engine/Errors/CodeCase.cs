namespace Contest.Engine.Errors;

/// <summary>Codes are kebab-case on the wire; this spells a library's PascalCase code (ASP.NET Identity's) that way.</summary>
public static class CodeCase
{
    /// <summary>"PasswordTooShort" → "password-too-short"; a code already in kebab-case stays as it is.</summary>
    public static string Kebab(string code)
    {
        var s = new System.Text.StringBuilder(code.Length + 8);
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && code[i - 1] != '-') s.Append('-');
                s.Append(char.ToLowerInvariant(c));
            }
            else s.Append(c);
        }
        return s.ToString();
    }
}
