/** The tool version reported in every report; kept equal to package.json by a test. */
export const VERSION = '1.0.0'
