from headcount.cli import main

raise SystemExit(main())
