import { graphql } from "../../graphql";

export const ReportFieldsFragment = graphql(`
  fragment ReportFields on Report {
    id
    status
    progress
    title
    createdAt
    finishedAt
    period {
      key
      label
      start
      end
    }
  }
`);

export const RequestPartnerReportDocument = graphql(`
  mutation RequestPartnerReport($partnerId: UUID!, $period: String!) {
    requestPartnerReport(partnerId: $partnerId, period: $period) {
      report {
        ...ReportFields
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const PartnerReportDocument = graphql(`
  query PartnerReport($id: UUID!) {
    report(id: $id) {
      ...ReportFields
      tables {
        name
        title
        columns {
          key
          label
        }
        rows
      }
    }
  }
`);

/** Signed links live ten minutes: asked for at the moment of the click, never kept in the page. */
export const ReportDownloadDocument = graphql(`
  query ReportDownload($id: UUID!, $format: ReportFormat!) {
    report(id: $id) {
      id
      downloadUrl(format: $format)
    }
  }
`);

export const PartnerReportsDocument = graphql(`
  query PartnerReports($partnerId: UUID!, $first: Int!) {
    reports(first: $first, filter: { kind: PARTNER, partnerId: $partnerId }) {
      totalCount
      edges {
        node {
          ...ReportFields
        }
      }
    }
  }
`);
