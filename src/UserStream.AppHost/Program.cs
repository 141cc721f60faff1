Console.WriteLine("UserStream AppHost: not yet wired.");
