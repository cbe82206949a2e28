package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kedrogo/kedrogo"
)

// Raw rows, as the CSV files have them: ratings as "90%", prices as
// "$1,325.0", booleans as "t"/"f".
type (
	Company struct {
		ID           int    `csv:"id"`
		Rating       string `csv:"company_rating"`
		IATAApproved string `csv:"iata_approved"`
	}
	Shuttle struct {
		ID                int     `csv:"id"`
		CompanyID         int     `csv:"company_id"`
		Engines           float64 `csv:"engines"`
		PassengerCapacity float64 `csv:"passenger_capacity"`
		Crew              float64 `csv:"crew"`
		DCheckComplete    string  `csv:"d_check_complete"`
		Price             string  `csv:"price"`
	}
	Review struct {
		ShuttleID int     `csv:"shuttle_id"`
		Score     float64 `csv:"review_scores_rating"`
	}
)

// Clean rows.
type (
	CleanCompany struct {
		ID           int     `csv:"id"`
		Rating       float64 `csv:"company_rating"`
		IATAApproved bool    `csv:"iata_approved"`
	}
	CleanShuttle struct {
		ID                int     `csv:"id"`
		CompanyID         int     `csv:"company_id"`
		Engines           float64 `csv:"engines"`
		PassengerCapacity float64 `csv:"passenger_capacity"`
		Crew              float64 `csv:"crew"`
		DCheckComplete    bool    `csv:"d_check_complete"`
		Price             float64 `csv:"price"`
	}
	// ModelRow is one shuttle with everything the model may use.
	ModelRow struct {
		ShuttleID         int     `csv:"shuttle_id"`
		Engines           float64 `csv:"engines"`
		PassengerCapacity float64 `csv:"passenger_capacity"`
		Crew              float64 `csv:"crew"`
		DCheckComplete    bool    `csv:"d_check_complete"`
		CompanyRating     float64 `csv:"company_rating"`
		IATAApproved      bool    `csv:"iata_approved"`
		ReviewScore       float64 `csv:"review_scores_rating"`
		Price             float64 `csv:"price"`
	}
)

func isTrue(s string) bool { return s == "t" || s == "true" }

func percentage(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return v / 100, err
}

func money(s string) (float64, error) {
	return strconv.ParseFloat(strings.NewReplacer("$", "", ",", "").Replace(s), 64)
}

func preprocessCompanies(rows []Company) ([]CleanCompany, error) {
	out := make([]CleanCompany, 0, len(rows))
	for _, r := range rows {
		rating, err := percentage(r.Rating)
		if err != nil {
			return nil, fmt.Errorf("company %d: rating %q: %w", r.ID, r.Rating, err)
		}
		out = append(out, CleanCompany{ID: r.ID, Rating: rating, IATAApproved: isTrue(r.IATAApproved)})
	}
	return out, nil
}

func preprocessShuttles(rows []Shuttle) ([]CleanShuttle, error) {
	out := make([]CleanShuttle, 0, len(rows))
	for _, r := range rows {
		price, err := money(r.Price)
		if err != nil {
			return nil, fmt.Errorf("shuttle %d: price %q: %w", r.ID, r.Price, err)
		}
		out = append(out, CleanShuttle{ID: r.ID, CompanyID: r.CompanyID, Engines: r.Engines,
			PassengerCapacity: r.PassengerCapacity, Crew: r.Crew, DCheckComplete: isTrue(r.DCheckComplete), Price: price})
	}
	return out, nil
}

// createModelInputTable joins shuttles with their company and review; a
// shuttle without either is dropped, as the tutorial's inner joins do.
func createModelInputTable(shuttles []CleanShuttle, companies []CleanCompany, reviews []Review) []ModelRow {
	company := make(map[int]CleanCompany, len(companies))
	for _, c := range companies {
		company[c.ID] = c
	}
	review := make(map[int]float64, len(reviews))
	for _, r := range reviews {
		review[r.ShuttleID] = r.Score
	}
	var out []ModelRow
	for _, s := range shuttles {
		c, okC := company[s.CompanyID]
		score, okR := review[s.ID]
		if !okC || !okR {
			continue
		}
		out = append(out, ModelRow{ShuttleID: s.ID, Engines: s.Engines, PassengerCapacity: s.PassengerCapacity,
			Crew: s.Crew, DCheckComplete: s.DCheckComplete, CompanyRating: c.Rating, IATAApproved: c.IATAApproved,
			ReviewScore: score, Price: s.Price})
	}
	return out
}

func dataProcessing() *kedrogo.Pipeline {
	return kedrogo.NewPipeline(
		kedrogo.NewNode(preprocessCompanies, "companies_raw", "preprocessed_companies", kedrogo.Name("preprocess_companies")),
		kedrogo.NewNode(preprocessShuttles, "shuttles_raw", "preprocessed_shuttles", kedrogo.Name("preprocess_shuttles")),
		kedrogo.NewNode(createModelInputTable,
			[]string{"preprocessed_shuttles", "preprocessed_companies", "reviews_raw"},
			"model_input_table", kedrogo.Name("create_model_input_table")),
	)
}
