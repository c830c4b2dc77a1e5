"""`make bench`: every benchmark, printing measured figures."""

from bench import translation_burst

translation_burst.main()
