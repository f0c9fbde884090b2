using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Language;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Onboarding
{
    /// <summary>
    /// Reads an onboarding file as Import-PowerShellDataFile does: parsed, never run; one hashtable of literal values
    /// (strings without subexpressions, numbers, $true/$false/$null, arrays, hashtables). Anything else is a problem
    /// with its line; the engine checks the shape.
    /// </summary>
    internal sealed class OnboardingFileParser
    {
        private readonly string _path;
        private readonly List<Engine.AstroNetworkException> _problems = new List<Engine.AstroNetworkException>();

        private OnboardingFileParser(string path) => _path = path;

        public static OnboardingNode? Parse(string path, out IReadOnlyList<Engine.AstroNetworkException> problems)
        {
            var parser = new OnboardingFileParser(path);
            var node = parser.Root();
            problems = parser._problems;
            return parser._problems.Count == 0 ? node : null;
        }

        private OnboardingNode? Root()
        {
            var ast = Parser.ParseFile(_path, out _, out var errors);
            foreach (var error in errors)
            {
                Problem(error.Extent, "", error.Message.TrimEnd('.'));
            }

            if (errors.Length > 0)
            {
                return null;
            }

            var statements = ast.EndBlock?.Statements.ToList() ?? new List<StatementAst>();
            var hashtable = statements.Count == 1 && ast.BeginBlock == null && ast.ProcessBlock == null && ast.ParamBlock == null
                ? Expression(statements[0]) as HashtableAst
                : null;
            if (hashtable == null)
            {
                Problem(statements.Count > 0 ? statements[0].Extent : ast.Extent, "", "the file must hold one hashtable @{ ... } and nothing else");
                return null;
            }

            return Value(hashtable, "");
        }

        private OnboardingNode? Value(Ast ast, string key)
        {
            var line = ast.Extent.StartLineNumber;
            switch (ast)
            {
                case HashtableAst map:
                    var entries = new List<KeyValuePair<string, OnboardingNode>>();
                    foreach (var pair in map.KeyValuePairs)
                    {
                        var name = pair.Item1 is StringConstantExpressionAst s ? s.Value : (pair.Item1 as ConstantExpressionAst)?.Value?.ToString();
                        if (name == null)
                        {
                            Problem(pair.Item1.Extent, key, "a key must be a plain name");
                            continue;
                        }

                        var path = key.Length == 0 ? name : key + "." + name;
                        if (Value(Expression(pair.Item2) ?? (Ast)pair.Item2, path) is { } value)
                        {
                            entries.Add(new KeyValuePair<string, OnboardingNode>(name, value));
                        }
                    }

                    return OnboardingNode.Map(entries, line);
                case ArrayLiteralAst array:
                    return List(array.Elements, key, line);
                case ArrayExpressionAst arrayExpression:
                    var elements = arrayExpression.SubExpression.Statements.Select(Expression).ToList();
                    if (elements.Any(e => e == null))
                    {
                        Problem(ast.Extent, key, "only literal values are allowed in @( ... )");
                        return null;
                    }

                    // @('a', 'b') holds one array literal: its elements are the list's.
                    return List(elements.SelectMany(e => e is ArrayLiteralAst inner ? inner.Elements : (IEnumerable<ExpressionAst>)new[] { e! }).ToList(), key, line);
                case ParenExpressionAst paren when Expression(paren.Pipeline) is { } inside:
                    return Value(inside, key);
                case StringConstantExpressionAst text:
                    return OnboardingNode.Scalar(OnboardingNodeKind.Text, text.Value, line);
                case ExpandableStringExpressionAst expandable when expandable.NestedExpressions.Count == 0:
                    return OnboardingNode.Scalar(OnboardingNodeKind.Text, expandable.Value, line);
                case ConstantExpressionAst number:
                    return OnboardingNode.Scalar(OnboardingNodeKind.Number, string.Format(CultureInfo.InvariantCulture, "{0}", number.Value), line);
                case VariableExpressionAst variable when variable.VariablePath.UserPath.ToLowerInvariant() is "true" or "false":
                    return OnboardingNode.Scalar(OnboardingNodeKind.Boolean, variable.VariablePath.UserPath.ToLowerInvariant() == "true" ? "True" : "False", line);
                case VariableExpressionAst variable when variable.VariablePath.UserPath.ToLowerInvariant() == "null":
                    return OnboardingNode.Scalar(OnboardingNodeKind.Null, null, line);
                default:
                    Problem(ast.Extent, key, $"only literal values are allowed (strings, numbers, $true, $false, @( ), @{{ }}), found '{Short(ast.Extent.Text)}'");
                    return null;
            }
        }

        private OnboardingNode? List(IReadOnlyList<ExpressionAst> elements, string key, int line)
        {
            var items = elements.Select((e, i) => Value(e, $"{key}[{i}]")).ToList();
            return items.Any(i => i == null) ? null : OnboardingNode.List(items!, line);
        }

        /// <summary>The expression a statement is, when it is one bare expression (not a command or pipeline).</summary>
        private static ExpressionAst? Expression(StatementAst statement) =>
            statement is PipelineAst pipeline && pipeline.PipelineElements.Count == 1 && pipeline.PipelineElements[0] is CommandExpressionAst command
                && command.Redirections.Count == 0
                ? command.Expression
                : null;

        private void Problem(IScriptExtent extent, string key, string message) =>
            _problems.Add(OnboardingEngine.Problem(_path, extent.StartLineNumber, key, message));

        private static string Short(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";
    }
}
